// Reader pages, enhanced (they work without it): relative times for the last day's stories, and the
// article's copy-link button. First-party, no dependencies.
(function () {
  'use strict';

  // The page is cached as bytes, so the server writes the absolute time; this says «منذ ٣ ساعات» from datetime.
  var INDIC = '٠١٢٣٤٥٦٧٨٩';
  function digits(n, indic) {
    var s = String(n);
    return indic ? s.replace(/[0-9]/g, function (d) { return INDIC[+d]; }) : s;
  }
  // Arabic counts agree with the number: دقيقة، دقيقتين، ٣ دقائق، ١١ دقيقة.
  function count(n, one, two, few, many, indic) {
    if (n === 1) { return one; }
    if (n === 2) { return two; }
    var lastTwo = n % 100;
    return digits(n, indic) + ' ' + (lastTwo >= 3 && lastTwo <= 10 ? few : many);
  }
  function ago(minutes, indic) {
    if (minutes < 1) { return 'الآن'; }
    if (minutes < 60) { return 'منذ ' + count(minutes, 'دقيقة', 'دقيقتين', 'دقائق', 'دقيقة', indic); }
    var hours = Math.floor(minutes / 60);
    return 'منذ ' + count(hours, 'ساعة', 'ساعتين', 'ساعات', 'ساعة', indic);
  }
  function relativeTimes() {
    var now = Date.now();
    document.querySelectorAll('time[data-relative][datetime]').forEach(function (time) {
      var at = Date.parse(time.getAttribute('datetime'));
      if (isNaN(at)) { return; }
      var minutes = Math.floor((now - at) / 60000);
      if (minutes < -5 || minutes >= 24 * 60) { return; }
      if (!time.title) { time.title = time.textContent; }
      time.textContent = ago(Math.max(0, minutes), /[٠-٩]/.test(time.title));
    });
  }

  // Without a clipboard (or this script) the copy link is a plain link to the address; with one it becomes a button.
  function copyLinks() {
    if (!navigator.clipboard || !window.isSecureContext) { return; }
    document.querySelectorAll('a[data-copy]').forEach(function (link) {
      var share = link.closest('.share');
      var status = share && share.querySelector('.share-status');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = link.className;
      button.textContent = link.textContent;
      button.setAttribute('data-url', link.href);
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(button.getAttribute('data-url')).then(function () {
          if (status) {
            status.textContent = '';
            setTimeout(function () { status.textContent = 'تم نسخ الرابط'; }, 50);
          }
        }, function () {
          if (status) { status.textContent = 'تعذّر النسخ: الرابط هو ' + button.getAttribute('data-url'); }
        });
      });
      link.replaceWith(button);
    });
  }

  relativeTimes();
  copyLinks();
  setInterval(relativeTimes, 60000);
})();
