// Keyboard shortcuts on an entry's review panel (listed on the page). A key does nothing while
// the supervisor types in a field or holds a modifier, so typing a comment never approves.
(function () {
  "use strict";
  var panel = document.getElementById("review-panel");
  if (!panel) { return; }
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  function go(url) { if (url) { window.location.assign(url); } }
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    var approve = document.getElementById("approve-next");
    var comment = document.getElementById("comment");
    var back = document.getElementById("queue-back");
    switch (event.key) {
      case "j": go(panel.dataset.next); break;
      case "k": go(panel.dataset.previous); break;
      case "a": if (approve) { approve.click(); } else { return; } break;
      case "c": if (comment) { comment.focus(); } else { return; } break;
      case "u": if (back) { go(back.href); } break;
      default: return;
    }
    event.preventDefault();
  });
}());
