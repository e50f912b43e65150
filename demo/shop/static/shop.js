// Northwind Home's own page code: cart (localStorage), listing sort, product page, signup.
// Plain DOM, no framework; everything visible is written with textContent.
(function () {
  'use strict';
  var CART_KEY = 'northwind-cart';
  var money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

  function readCart() {
    try {
      var value = JSON.parse(localStorage.getItem(CART_KEY) || '[]');
      return Array.isArray(value) ? value.filter(function (l) { return l && typeof l.id === 'string' && l.qty > 0; }) : [];
    } catch (e) {
      return [];
    }
  }
  function writeCart(lines) {
    localStorage.setItem(CART_KEY, JSON.stringify(lines));
    updateBadge();
    document.dispatchEvent(new CustomEvent('northwind:cart'));
  }
  function addToCart(id, qty) {
    var lines = readCart();
    var line = lines.find(function (l) { return l.id === id; });
    if (line) line.qty = Math.min(99, line.qty + qty);
    else lines.push({ id: id, qty: qty });
    writeCart(lines);
  }
  function updateBadge() {
    var count = readCart().reduce(function (n, l) { return n + l.qty; }, 0);
    document.querySelectorAll('[data-cart-count]').forEach(function (el) { el.textContent = String(count); });
  }
  function flash(button, text) {
    var before = button.textContent;
    button.textContent = text;
    button.classList.add('Button_added__Pq0w3');
    setTimeout(function () {
      button.textContent = before;
      button.classList.remove('Button_added__Pq0w3');
    }, 1200);
  }

  // "Add to cart" on cards and on the product page. The button carries no id of its own:
  // like many real shops, the product id sits on the surrounding card or section.
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button');
    if (!button || button.textContent.trim() !== 'Add to cart') return;
    var holder = button.closest('[data-product-id]');
    if (!holder) return;
    var qtySelect = holder.querySelector('select[name=quantity]');
    addToCart(holder.getAttribute('data-product-id'), qtySelect ? Number(qtySelect.value) || 1 : 1);
    flash(button, 'Added ✓');
  });

  // Save toggles on product pages.
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button[aria-pressed]');
    if (!button) return;
    var pressed = button.getAttribute('aria-pressed') === 'true';
    button.setAttribute('aria-pressed', String(!pressed));
    button.textContent = pressed ? '♡ Save' : '♥ Saved';
  });

  // Listing sort: reorders the cards in place, so a tag must not rely on card positions.
  var sort = document.querySelector('select[name=sort]');
  var listing = document.querySelector('[data-listing]');
  if (sort && listing) {
    var original = Array.prototype.slice.call(listing.children);
    sort.addEventListener('change', function () {
      var cards = original.slice();
      var price = function (card) { return Number(card.getAttribute('data-price-cents')); };
      if (sort.value === 'price-asc') cards.sort(function (a, b) { return price(a) - price(b); });
      if (sort.value === 'price-desc') cards.sort(function (a, b) { return price(b) - price(a); });
      cards.forEach(function (card) { listing.appendChild(card); });
    });
  }

  // Cart page.
  var itemsBox = document.querySelector('[data-cart-items]');
  var catalogData = document.getElementById('catalog-data');
  if (itemsBox && catalogData) {
    var catalog = {};
    JSON.parse(catalogData.textContent).forEach(function (p) { catalog[p.id] = p; });
    var checkout = document.querySelector('.CartPage_checkout__h7Xe3');
    var notice = document.querySelector('[data-cart-notice]');
    var renderCart = function () {
      var lines = readCart().filter(function (l) { return catalog[l.id]; });
      var emptyHtml = itemsBox.querySelector('.CartPage_empty__N2xv6');
      itemsBox.querySelectorAll('.CartLine_line__H3ms0').forEach(function (el) { el.remove(); });
      var subtotal = 0;
      lines.forEach(function (line) {
        var p = catalog[line.id];
        subtotal += p.priceCents * line.qty;
        var row = document.createElement('div');
        row.className = 'CartLine_line__H3ms0';
        row.setAttribute('data-line-id', p.id);
        var thumb = document.createElement('div');
        thumb.className = 'CartLine_thumb__p8Wq2';
        thumb.style.setProperty('--hue', String(p.hue));
        var name = document.createElement('a');
        name.className = 'CartLine_name__Wc7n1';
        name.href = '/products/' + p.slug;
        name.textContent = p.name;
        var qty = document.createElement('span');
        qty.className = 'CartLine_qty__Aa4x2';
        qty.textContent = '× ' + line.qty;
        var price = document.createElement('span');
        price.className = 'CartLine_price__Hy8m6';
        price.textContent = money.format((p.priceCents * line.qty) / 100);
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'CartLine_remove__Vd1z4';
        remove.textContent = 'Remove';
        remove.addEventListener('click', function () {
          writeCart(readCart().filter(function (l) { return l.id !== p.id; }));
        });
        row.append(thumb, name, qty, price, remove);
        itemsBox.appendChild(row);
      });
      if (emptyHtml) emptyHtml.hidden = lines.length > 0;
      var delivery = subtotal === 0 || subtotal >= 50000 ? 0 : 2500;
      document.querySelector('[data-cart-subtotal]').textContent = money.format(subtotal / 100);
      document.querySelector('[data-cart-delivery]').textContent = money.format(delivery / 100);
      document.querySelector('[data-cart-total]').textContent = money.format((subtotal + delivery) / 100);
      checkout.disabled = lines.length === 0;
    };
    checkout.addEventListener('click', function () {
      var orderId = 'NW-' + String(Date.now()).slice(-6);
      writeCart([]);
      notice.textContent = 'Thank you! Order ' + orderId + ' is on its way (not really, this is a demo).';
    });
    document.addEventListener('northwind:cart', renderCart);
    renderCart();
  }

  // Signup form. Its handler stops propagation, as some form libraries do: Tagpoint's
  // runtime listens in the capture phase, so a tag on this form still fires.
  var form = document.querySelector('.Form_form__m6Tj3');
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      event.stopPropagation();
      var message = form.querySelector('[data-form-message]');
      var email = form.elements.email.value.trim();
      var password = form.elements.password.value;
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || password.length < 8) {
        message.setAttribute('data-state', 'error');
        message.textContent = 'Please enter a valid email and a password of at least 8 characters.';
        return;
      }
      message.setAttribute('data-state', 'ok');
      message.textContent = 'Welcome, ' + (form.elements.name.value.trim() || 'friend') + '! Your account is ready.';
      form.elements.password.value = '';
    });
  }

  document.querySelectorAll('.Nav_link__pQ72m').forEach(function (link) {
    var path = new URL(link.href).pathname;
    if (path === location.pathname || (path !== '/' && path.endsWith('/') && location.pathname.startsWith(path))) {
      link.setAttribute('aria-current', 'page');
    }
  });
  window.addEventListener('storage', updateBadge);
  updateBadge();
})();
