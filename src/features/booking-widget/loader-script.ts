/**
 * The script behind the stable address a clinic pastes into its own website:
 *
 *   <script src="https://yintang.example/widget.js" data-clinic="jade-leaf-bath" async></script>
 *
 * It is a tiny classic script (no module syntax, so any site can include it). It puts a
 * placeholder where the tag stands (or into the element named by `data-target`), and
 * loads the real widget, a module from Yintang, only when that place scrolls into view.
 * Optional: `data-service` (a service's id or slug) to start on that treatment, and with
 * it `data-date` (2027-03-03) and `data-time` (14:30) to open on that day with that time first.
 */
export function loaderScript(modulePath: string): string {
  return `/* Yintang booking widget loader */
(function () {
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var clinic = script.getAttribute('data-clinic');
  if (!clinic) { console.warn('Yintang: add data-clinic="your-clinic" to the widget script tag.'); return; }
  var service = script.getAttribute('data-service') || undefined;
  var date = script.getAttribute('data-date') || undefined;
  var time = script.getAttribute('data-time') || undefined;
  var target = script.getAttribute('data-target');
  var host = target ? document.querySelector(target) : null;
  if (!host) {
    host = document.createElement('div');
    script.parentNode.insertBefore(host, script.nextSibling);
  }
  host.setAttribute('data-yintang-booking', clinic);
  host.style.minHeight = host.style.minHeight || '120px';
  var started = false;
  function start() {
    if (started) return;
    started = true;
    import(origin + ${JSON.stringify(modulePath)}).then(function (widget) {
      host.style.minHeight = '';
      widget.mountBookingWidget(host, { clinic: clinic, origin: origin, service: service, date: date, time: time });
    }).catch(function () {
      var p = document.createElement('p');
      p.textContent = 'Online booking could not be loaded. Please contact the clinic to book.';
      host.appendChild(p);
    });
  }
  if ('IntersectionObserver' in window) {
    var seen = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) if (entries[i].isIntersecting) { seen.disconnect(); start(); return; }
    }, { rootMargin: '400px' });
    seen.observe(host);
  } else {
    start();
  }
})();
`;
}
