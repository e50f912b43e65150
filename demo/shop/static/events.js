// The Events page: what the collector received, live, through Server-Sent Events.
// Everything from the collector is data: it is written with textContent, never as HTML.
(function () {
  'use strict';
  var list = document.querySelector('[data-events-list]');
  if (!list) return;
  var collector = list.getAttribute('data-collector-url');
  var status = document.querySelector('[data-events-status]');
  var empty = document.querySelector('[data-events-empty]');
  var onlyTrack = document.querySelector('[data-only-track]');
  var MAX_SHOWN = 200;
  var events = [];

  function text(tag, className, value) {
    var node = document.createElement(tag);
    node.className = className;
    node.textContent = value;
    return node;
  }

  function item(collected) {
    var p = collected.payload || {};
    var li = document.createElement('li');
    li.className = 'Events_item__Mq2e7';
    li.setAttribute('data-type', collected.type);
    li.setAttribute('data-seq', String(collected.seq));
    var tagpoint = p.context && p.context.tagpoint;
    if (tagpoint) li.setAttribute('data-tagged', '');
    var meta = document.createElement('div');
    meta.className = 'Events_meta__Dv8p3';
    meta.append(
      text('span', 'Events_name__Ks0r4', p.event || p.name || collected.type),
      text('span', 'Events_type__Bg5t1', collected.type),
      text('time', 'Events_time__Lp9w6', new Date(collected.receivedAt).toLocaleTimeString()),
    );
    if (tagpoint) meta.append(text('span', 'Events_tag__Xx3q8', 'Tagpoint tag ' + tagpoint.tag + ' · revision ' + tagpoint.revision));
    li.append(meta, text('pre', 'Events_props__Ze1m0', JSON.stringify(p.properties || p.traits || {}, null, 2)));
    return li;
  }

  function render() {
    var shown = events.filter(function (e) { return !onlyTrack.checked || e.type === 'track'; });
    list.replaceChildren.apply(list, shown.slice(-MAX_SHOWN).reverse().map(item));
    empty.hidden = shown.length > 0;
  }

  function connect() {
    var source = new EventSource(collector + '/events/stream');
    source.addEventListener('open', function () { status.textContent = 'Live: connected to ' + collector; });
    source.addEventListener('error', function () { status.textContent = 'Collector unreachable at ' + collector + '; retrying…'; });
    source.addEventListener('collected', function (message) {
      try {
        var collected = JSON.parse(message.data);
        if (events.some(function (e) { return e.seq === collected.seq; })) return;
        events.push(collected);
        if (events.length > MAX_SHOWN * 2) events.splice(0, events.length - MAX_SHOWN * 2);
        render();
      } catch (e) {
        // A malformed message is skipped; the stream goes on.
      }
    });
  }

  onlyTrack.addEventListener('change', render);
  document.querySelector('[data-clear-events]').addEventListener('click', function () {
    fetch(collector + '/events/clear', { method: 'POST' }).then(function () {
      events = [];
      render();
    });
  });
  render();
  connect();
})();
