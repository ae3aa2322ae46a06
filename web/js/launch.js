/*
 * Renewal page script for Edge and Chrome (and the guidance pages).
 *
 * Everything on the page works without it; the script only
 *  - keeps the "Nothing happened?" help out of the way until a few seconds after the user
 *    started the launch (Chromium browsers never open a downloaded .jnlp by themselves), and
 *  - selects the web link when the user clicks into the copy box.
 * Written in ES5 like the IE-compat script, and checked by the same Closure Compiler test.
 */
(function () {
  'use strict';

  var DEFAULT_DELAY_SECONDS = 8;

  function delaySeconds(section) {
    var value = parseInt(section.getAttribute('data-delay-seconds'), 10);
    return isNaN(value) || value < 0 ? DEFAULT_DELAY_SECONDS : value;
  }

  function setUpNothingHappenedHelp() {
    var help = document.getElementById('nothing-happened');
    if (!help) {
      return;
    }
    var timer = null;
    help.setAttribute('hidden', 'hidden');
    function onLaunch() {
      if (timer === null) {
        timer = window.setTimeout(function () {
          help.removeAttribute('hidden');
          help.className += ' nothing-happened--shown';
        }, delaySeconds(help) * 1000);
      }
    }
    var ids = ['launch-button', 'jnlps-link'];
    for (var i = 0; i < ids.length; i++) {
      var link = document.getElementById(ids[i]);
      if (link) {
        link.addEventListener('click', onLaunch, false);
      }
    }
  }

  function setUpCopyBox() {
    var box = document.getElementById('service-link');
    if (box) {
      box.addEventListener('focus', function () {
        box.select();
      }, false);
    }
  }

  setUpNothingHappenedHelp();
  setUpCopyBox();
}());
