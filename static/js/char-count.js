// A live count under every long text field (a textarea with data-limit, set by the forms macro in
// place of maxlength, which cuts a pasted text without a word). Over the limit the count says
// so, and is announced; the server refuses the text with a message either way.
(function () {
  "use strict";
  var format = new Intl.NumberFormat("en-US");
  function counter(field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    if (!limit) { return; }
    var note = document.createElement("div");
    note.className = "form-text char-count";
    note.id = field.id + "-count";
    field.insertAdjacentElement("afterend", note);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? described + " " + note.id : note.id);
    function update() {
      var used = field.value.length;
      var over = used > limit;
      note.textContent = over
        ? format.format(used - limit) + " characters over the limit of " + format.format(limit) + ": shorten it before saving."
        : format.format(used) + " of " + format.format(limit) + " characters";
      note.classList.toggle("over", over);
      if (over) { note.setAttribute("aria-live", "polite"); } else { note.removeAttribute("aria-live"); }
    }
    field.addEventListener("input", update);
    update();
  }
  var fields = document.querySelectorAll("textarea[data-limit]");  // the long fields
  for (var i = 0; i < fields.length; i += 1) { counter(fields[i]); }
}());
