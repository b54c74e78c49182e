/* Small helpers for the complaint form and its receipt. Everything works without this
   file: the code can be selected and copied by hand, printed from the browser's menu,
   and the server checks the number of files. Texts come from data- attributes, in the
   page's language. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-10000px";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) {
        resolve();
      } else {
        reject(new Error("copy"));
      }
    });
  }

  function setUpCopy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!target) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(target.textContent.trim()).then(
        function () {
          if (status) status.textContent = button.getAttribute("data-copied");
        },
        function () {
          var range = document.createRange();
          range.selectNodeContents(target);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          if (status) status.textContent = button.getAttribute("data-copy-failed");
        }
      );
    });
  }

  function setUpPrint(button) {
    if (typeof window.print !== "function") {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  }

  /* Too many files: said at once, beside the field, and the form is not sent until the
     choice is corrected (the server would refuse them all, and a browser never sends
     files again with a form shown again). The selection is kept, never emptied, so no
     form goes out without the files the person meant to send. The forms are
     "novalidate" (the server's messages are the ones shown), so the check is made on
     the form's submit event. */
  function setUpFileCount(input) {
    var max = parseInt(input.getAttribute("data-max-files"), 10);
    var warning = document.querySelector("[data-file-count-warning]");
    /* 0 is a limit too: the files kept from a refused try may fill the case's room. */
    if (isNaN(max) || !warning) {
      return;
    }
    function tooMany() {
      return input.files && input.files.length > max;
    }
    function show() {
      if (tooMany()) {
        warning.textContent = input.getAttribute("data-too-many");
        warning.hidden = false;
      } else {
        warning.hidden = true;
        warning.textContent = "";
      }
    }
    input.addEventListener("change", show);
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (tooMany()) {
          event.preventDefault();
          show();
          warning.scrollIntoView({ block: "center" });
          input.focus();
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), setUpCopy);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), setUpPrint);
    Array.prototype.forEach.call(document.querySelectorAll("input[type=file][data-max-files]"), setUpFileCount);
  });
})();
