/* The small proof of work of the WBS forms (wbs/proof_of_work.py).

   When the server is receiving many attempts, a form carries a challenge: a hidden input
   named "tantangan" with the challenge text and the number of leading zero bits wanted
   (data-bits). This script finds a nonce (decimal digits) such that
   SHA-256(challenge + nonce) starts with that many zero bits, puts it in the hidden input
   "jawaban" and lets the form go. It starts as soon as the page is shown, so the work is
   usually done before the person has finished typing; a submit before then waits, with a
   short "menyiapkan" note, and goes on by itself.

   SHA-256 is written out here rather than taken from WebCrypto: crypto.subtle.digest
   costs a promise per hash, which made it about fifteen times slower for these tiny
   inputs in Chromium (wbs/THREAT_MODEL.md), and the challenge, one block long, can be
   hashed once and reused for every nonce.

   Without JavaScript the page says why it cannot go on and when to try again (the server
   refuses a post without a solution while the challenge is needed). */
(function () {
  "use strict";

  var K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ]);
  var INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  /* Nonces tried between two looks at the page (progress, other events). */
  var SLICE = 20000;

  /* One SHA-256 block: `state` (8 words) absorbs the 16 words at w[0..15]. */
  function compress(state, w) {
    var i, s0, s1, t1, t2, x, y;
    for (i = 16; i < 64; i++) {
      x = w[i - 15];
      y = w[i - 2];
      s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    var a = state[0], b = state[1], c = state[2], d = state[3];
    var e = state[4], f = state[5], g = state[6], h = state[7];
    for (i = 0; i < 64; i++) {
      t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
        ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
        ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0] = (state[0] + a) | 0;
    state[1] = (state[1] + b) | 0;
    state[2] = (state[2] + c) | 0;
    state[3] = (state[3] + d) | 0;
    state[4] = (state[4] + e) | 0;
    state[5] = (state[5] + f) | 0;
    state[6] = (state[6] + g) | 0;
    state[7] = (state[7] + h) | 0;
  }

  function asciiBytes(text) {
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) {
      bytes[i] = text.charCodeAt(i) & 0x7f;
    }
    return bytes;
  }

  /* Whether the 8-word digest starts with `bits` zero bits. */
  function hasZeroBits(state, bits) {
    for (var i = 0; bits > 0; i++) {
      var take = bits >= 32 ? 32 : bits;
      if (take === 32 ? state[i] !== 0 : (state[i] >>> (32 - take)) !== 0) {
        return false;
      }
      bits -= take;
    }
    return true;
  }

  /* A solver for one challenge: the full blocks of the challenge are hashed once; each
     try hashes only the rest, the nonce and the padding. */
  function Solver(challenge, bits) {
    var bytes = asciiBytes(challenge);
    var full = bytes.length - (bytes.length % 64);
    var w = new Int32Array(64);
    this.mid = new Int32Array(INITIAL);
    for (var offset = 0; offset < full; offset += 64) {
      for (var j = 0; j < 16; j++) {
        w[j] = (bytes[offset + 4 * j] << 24) | (bytes[offset + 4 * j + 1] << 16) |
          (bytes[offset + 4 * j + 2] << 8) | bytes[offset + 4 * j + 3];
      }
      compress(this.mid, w);
    }
    this.rest = bytes.subarray(full);
    this.length = bytes.length;
    this.bits = bits;
    this.digits = new Uint8Array([0x30]);
    this.w = w;
    this.state = new Int32Array(8);
    this.tail = new Uint8Array(192);
  }

  /* Try the next `count` nonces; the winning nonce as text, or null. The nonce's decimal
     digits are kept as bytes and counted up in place. */
  Solver.prototype.run = function (count) {
    var tail = this.tail, w = this.w, state = this.state, mid = this.mid, bits = this.bits;
    var start = this.rest.length;
    var digits = this.digits;
    tail.set(this.rest);
    for (var n = 0; n < count; n++) {
      var used = start;
      for (var k = 0; k < digits.length; k++) {
        tail[used++] = digits[k];
      }
      var bitLength = (this.length + digits.length) * 8;
      tail[used++] = 0x80;
      var end = used + 8 > 64 ? 128 : 64;
      for (; used < end - 4; used++) {
        tail[used] = 0;
      }
      tail[end - 4] = bitLength >>> 24;
      tail[end - 3] = (bitLength >>> 16) & 0xff;
      tail[end - 2] = (bitLength >>> 8) & 0xff;
      tail[end - 1] = bitLength & 0xff;
      state.set(mid);
      for (var block = 0; block < end; block += 64) {
        for (var j = 0; j < 16; j++) {
          var p = block + 4 * j;
          w[j] = (tail[p] << 24) | (tail[p + 1] << 16) | (tail[p + 2] << 8) | tail[p + 3];
        }
        compress(state, w);
      }
      var found = hasZeroBits(state, bits) ? String.fromCharCode.apply(null, digits) : null;
      digits = this.digits = countUp(digits);
      if (found !== null) {
        return found;
      }
    }
    return null;
  };

  /* The decimal digits (as ASCII bytes) of the next number. */
  function countUp(digits) {
    for (var i = digits.length - 1; i >= 0; i--) {
      if (digits[i] !== 0x39) {
        digits[i]++;
        return digits;
      }
      digits[i] = 0x30;
    }
    var longer = new Uint8Array(digits.length + 1);
    longer.fill(0x30);
    longer[0] = 0x31;
    return longer;
  }

  function setUp(input) {
    var form = input.form;
    var answer = form && form.querySelector("input[name=jawaban]");
    var status = form && form.querySelector("[data-challenge-status]");
    if (!answer) {
      return;
    }
    var solver = new Solver(input.value, parseInt(input.getAttribute("data-bits"), 10) || 0);
    var solved = false;
    var waiting = false;
    var started = Date.now();

    function show(text) {
      if (status) {
        status.hidden = false;
        status.textContent = text;
      }
    }

    function work() {
      var found = solver.run(SLICE);
      if (found !== null) {
        answer.value = found;
        solved = true;
        if (waiting) {
          show(status.getAttribute("data-done"));
          if (form.requestSubmit) {
            form.requestSubmit();
          } else {
            form.submit();
          }
        }
        return;
      }
      if (waiting) {
        var seconds = Math.round((Date.now() - started) / 1000);
        show(status.getAttribute("data-working").replace("%s", String(seconds)));
      }
      window.setTimeout(work, 0);
    }

    form.addEventListener("submit", function (event) {
      /* Solved already, or held back by another check of the form (too many files). */
      if (solved || event.defaultPrevented) {
        return;
      }
      event.preventDefault();
      waiting = true;
      show(status.getAttribute("data-working").replace("%s", "0"));
    });
    window.setTimeout(work, 0);
  }

  /* For tests and measurements: solve one challenge now, the nonce as text. */
  window.sigapSolveChallenge = function (challenge, bits) {
    var solver = new Solver(challenge, bits);
    var found = null;
    while (found === null) {
      found = solver.run(SLICE);
    }
    return found;
  };

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[name=tantangan][data-bits]"), setUp);
  });
})();
