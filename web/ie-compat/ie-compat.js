/*
 * Renewal page script for Internet Explorer 11 and Edge IE mode.
 *
 * ES5 only, and written so that even an old IE document mode (IE7/IE8, where the JScript engine
 * is older than ES5 and there is no addEventListener) can run it far enough to show the
 * "old mode" guidance. Checked by a Closure Compiler test in ES5 mode without ES6+ externs.
 */
(function () {
  'use strict';

  var DEFAULT_DELAY_SECONDS = 8;

  function byId(id) {
    return document.getElementById(id);
  }

  function show(element) {
    if (element) {
      element.style.display = 'block';
      element.removeAttribute('hidden');
    }
  }

  function hide(element) {
    if (element) {
      element.style.display = 'none';
    }
  }

  /** True when IE shows this page in a document mode older than IE11. */
  function inOldDocumentMode() {
    var mode = document['documentMode'];
    return typeof mode === 'number' && mode < 11;
  }

  function delaySeconds(section) {
    var value = parseInt(section.getAttribute('data-delay-seconds'), 10);
    return isNaN(value) || value < 0 ? DEFAULT_DELAY_SECONDS : value;
  }

  /** Hides the "Nothing happened?" help until a few seconds after the user started the launch. */
  function revealHelpAfterLaunch(helpSection, launchLinks) {
    var timer = null;
    var i;
    hide(helpSection);
    function onLaunch() {
      if (timer === null) {
        timer = window.setTimeout(function () {
          show(helpSection);
        }, delaySeconds(helpSection) * 1000);
      }
      return true;
    }
    for (i = 0; i < launchLinks.length; i++) {
      if (launchLinks[i]) {
        launchLinks[i].onclick = onLaunch;
      }
    }
  }

  function start() {
    var launch = byId('ie-launch');
    var help = byId('nothing-happened');
    if (inOldDocumentMode()) {
      hide(launch);
      hide(help);
      show(byId('old-ie-mode'));
      var check = byId('browser-check');
      if (check) {
        check.className = 'browser-check browser-check--stop';
        check.innerHTML = '';
        check.appendChild(document.createTextNode('Internet Explorer is showing this page in an old mode (document mode ' + document['documentMode'] + ').'));
      }
      return;
    }
    if (help) {
      revealHelpAfterLaunch(help, [byId('launch-button'), byId('jnlpx-link')]);
    }
  }

  start();
}());
