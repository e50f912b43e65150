/**
 * The shop page both runtime benches load: 250 product cards, a nav and a footer
 * (about 4,900 elements). One copy, so the click bench and the health bench measure the same page.
 * `wishClasses`: the wishlist button's classes (the health bench has always used `btn wish share`).
 */
export function shopPageHtml(wishClasses = 'btn wish'): string {
  const cards: string[] = [];
  for (let i = 0; i < 250; i++) {
    cards.push(
      `<article class="card product-${i % 40}" id="p-${i}" data-sku="SKU-${i}"><div class="media"><img alt="" class="thumb"><span class="badge">new</span></div>` +
        `<h2 class="title"><a href="/p/${i}" class="name">Product ${i}</a></h2><p class="desc"><span>Nice</span> <em>thing</em> <b>${i}</b></p>` +
        `<div class="price-row"><span class="price">$${i}.99</span><s class="was">$${i + 5}.99</s></div>` +
        `<div class="actions"><button class="btn add" data-testid="add-${i}"><i class="icon"></i><span>Add</span></button>` +
        `<button class="${wishClasses}" data-testid="wish-${i}"><i class="icon"></i></button></div></article>`,
    );
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body>
<header id="top"><nav class="nav"><ul>${Array.from({ length: 20 }, (_, i) => `<li class="nav-item"><a href="/c/${i}" class="nav-link">C${i}</a></li>`).join('')}</ul></nav></header>
<main id="main"><section class="hero"><h1>Shop</h1></section><section class="grid" id="grid">${cards.join('')}</section></main>
<footer><ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/f/${i}">F${i}</a></li>`).join('')}</ul></footer></body></html>`;
}
