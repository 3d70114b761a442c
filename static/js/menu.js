// The left-hand menu collapses behind a button on narrow screens.
// Without JavaScript the button stays hidden and the menu is always shown.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  if (!button) return;
  var menu = document.getElementById(button.getAttribute("aria-controls"));
  button.hidden = false;
  document.documentElement.classList.add("has-menu-toggle");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
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
