// strict-csp.html's only script of its own (an inline one would break its policy). It records every
// Content Security Policy violation the page reports, on window.cxViolations, and shows the count.
(function () {
  var violations = [];
  window.cxViolations = violations;
  document.addEventListener(
    'securitypolicyviolation',
    function (e) {
      violations.push({
        directive: e.effectiveDirective || e.violatedDirective,
        blockedURI: e.blockedURI,
        sample: e.sample,
        source: e.sourceFile ? e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber : '',
      });
      var status = document.getElementById('csp-status');
      if (status) status.textContent = violations.length + ' violation(s): ' + violations.map(function (v) { return v.directive; }).join(', ');
    },
    true,
  );
})();
