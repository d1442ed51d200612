// File inputs (includes/form_fields.html): the browser's button gives way to
// our label styled as a button, with the chosen file's name beside it. Without
// this script the browser's own input shows. The input keeps focus and its
// accessible name from the field's label; the copies are hidden from readers.
(function () {
  document.querySelectorAll(".file-input").forEach(function (box) {
    var input = box.querySelector('input[type="file"]');
    var name = box.querySelector(".file-input__name");
    if (!input || !name) return;
    function show() {
      var files = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
      name.textContent = files.length ? files.join(" · ") : box.dataset.none;
    }
    input.addEventListener("change", show);
    show();
    box.classList.add("file-input--styled");
  });
})();
