/* The WBS receipt: warn before the page is left while the reporter has not said they
   saved the code. Progressive: without this file the page works the same, and the server
   still asks for the confirmation before the report opens. Copy and print come from
   pengaduan/intake.js. */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var receipt = document.querySelector("[data-leave-warning]");
    var form = document.querySelector("[data-receipt-confirm]");
    if (!receipt || !form) {
      return;
    }
    var saved = form.querySelector("input[type=checkbox]");
    var leaving = false;

    function warn(event) {
      if (leaving || (saved && saved.checked)) {
        return undefined;
      }
      event.preventDefault();
      /* Browsers show their own words; this text is for those that still use it. */
      event.returnValue = receipt.getAttribute("data-leave-warning");
      return event.returnValue;
    }

    window.addEventListener("beforeunload", warn);
    form.addEventListener("submit", function () {
      leaving = true;
    });
    /* A download is not leaving: the page stays. */
    Array.prototype.forEach.call(document.querySelectorAll("[data-no-leave-warning]"), function (link) {
      link.addEventListener("click", function () {
        leaving = true;
        window.setTimeout(function () {
          leaving = false;
        }, 1000);
      });
    });
  });
})();
