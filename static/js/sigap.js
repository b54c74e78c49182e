/* What every page does with a keyboard and a screen reader, where HTML alone falls short.
   Everything works without this file; it only puts focus where a person expects it. */
(function () {
  "use strict";

  /* The skip link moves focus to the content without writing "#main" into the address:
     a form on the page posts back to the address it was shown at, fragment included,
     and the page that answered would then scroll to and focus <main> instead of the
     error summary. */
  function setUpSkipLink(link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) {
        return;
      }
      event.preventDefault();
      target.focus();
      target.scrollIntoView();
    });
  }

  /* A refused form: focus goes to the summary of what to correct (role="alert", so a
     screen reader reads it at once). An address that still ends in "#main" from an
     earlier visit loses the fragment first, so the browser does not move focus away. */
  function focusSummary() {
    var summary = document.querySelector("[data-focus-on-load]");
    if (!summary) {
      return;
    }
    if (window.location.hash && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("a.skip-link[href^='#']"), setUpSkipLink);
    focusSummary();
  });
})();
