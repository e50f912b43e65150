// "My account": a single-page app with client routes (history.pushState), so the
// runtime's page-view trigger and page rules meet route changes without page loads.
(function () {
  'use strict';
  var root = document.querySelector('[data-app-root]');
  if (!root) return;
  var view = root.querySelector('[data-app-view]');

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }
  function button(label, extraClass) {
    return el('button', { type: 'button', class: 'Button_button__k3Jd8 ' + (extraClass || 'Button_ghost__e8Ws4') }, [label]);
  }

  var orders = [
    { id: 'NW-204811', date: 'Oct 2, 2026', total: '$1,299.00', status: 'Delivered' },
    { id: 'NW-205377', date: 'Oct 19, 2026', total: '$134.00', status: 'Shipped' },
    { id: 'NW-206102', date: 'Nov 21, 2026', total: '$89.00', status: 'Processing' },
  ];

  var routes = {
    '/app/': { title: 'Overview', render: function () {
      return [
        el('h1', {}, ['Welcome back, Ada']),
        el('p', {}, ['You have 1 order on its way and 3 items in your wishlist.']),
        el('div', { class: 'Hero_actions__N4eq1' }, [
          el('a', { class: 'Button_button__k3Jd8 Button_primary__Tq9xW', href: '/app/orders' }, ['View orders']),
          el('a', { class: 'Button_button__k3Jd8 Button_ghost__e8Ws4', href: '/app/wishlist' }, ['Open wishlist']),
        ]),
      ];
    } },
    '/app/orders': { title: 'Orders', render: function () {
      var rows = orders.map(function (o) {
        return el('tr', { 'data-order-id': o.id }, [
          el('td', {}, [o.id]), el('td', {}, [o.date]), el('td', {}, [o.total]), el('td', {}, [o.status]),
          el('td', {}, [button('Track package')]),
        ]);
      });
      return [
        el('h1', {}, ['Orders']),
        el('table', { class: 'Account_table__Cc3x6' }, [
          el('thead', {}, [el('tr', {}, ['Order', 'Date', 'Total', 'Status', ''].map(function (h) { return el('th', {}, [h]); }))]),
          el('tbody', {}, rows),
        ]),
      ];
    } },
    '/app/wishlist': { title: 'Wishlist', render: function () {
      var items = ['Fjord Lounge Chair', 'Loom Wool Rug', 'Tide Ceramic Vase'].map(function (name) {
        return el('li', { class: 'Wishlist_item__Gd2k5' }, [el('span', { class: 'Wishlist_name__Pm3s1' }, [name]), ' ', button('Move to cart')]);
      });
      return [el('h1', {}, ['Wishlist']), el('ul', { class: 'Wishlist_list__Ab8c3' }, items)];
    } },
    '/app/settings': { title: 'Settings', render: function () {
      var saved = el('p', { role: 'status', class: 'Form_message__Xr2n5', 'data-state': 'ok' }, []);
      var save = button('Save settings', 'Button_primary__Tq9xW');
      save.addEventListener('click', function () { saved.textContent = 'Settings saved.'; });
      return [
        el('h1', {}, ['Settings']),
        el('label', { class: 'Form_check__Cy8o5' }, [el('input', { type: 'checkbox', name: 'newsletter', checked: '' }), 'Weekly newsletter']),
        el('label', { class: 'Form_check__Cy8o5' }, [el('input', { type: 'checkbox', name: 'sms' }), 'Delivery updates by SMS']),
        save,
        saved,
      ];
    } },
  };

  function render() {
    var path = location.pathname.replace(/\/+$/, '') || '/app';
    var route = routes[path === '/app' ? '/app/' : path] || routes['/app/'];
    view.replaceChildren.apply(view, route.render());
    document.title = route.title + ' · My account · Northwind Home';
    root.querySelectorAll('.Account_link__Kf3r7').forEach(function (link) {
      var linkPath = new URL(link.href).pathname;
      if ((linkPath === '/app/' && route === routes['/app/']) || linkPath === path) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
  }

  // Client-side navigation for every link that stays inside /app/.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    var url = new URL(link.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/app')) return;
    event.preventDefault();
    if (url.pathname !== location.pathname) history.pushState({}, '', url.pathname);
    render();
  });
  window.addEventListener('popstate', render);
  render();
})();
