// The header's menu button: on a phone the navigation folds behind it so the
// header stays one row. Without this script the button stays hidden and the
// navigation open (see .site-header--foldable in portal.css).
(function () {
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".menu-button");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  header.classList.add("site-header--foldable");
  button.hidden = false;
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("site-menu--open", open);
  }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
