// Small enhancements; every page works without them.
(function () {
  "use strict";

  // Remember the language a visitor picks in the switcher, so that "/" sends them
  // back to it next time (the server reads Django's language cookie).
  document.querySelectorAll("[data-language-choice]").forEach(function (link) {
    link.addEventListener("click", function () {
      document.cookie =
        "django_language=" + link.getAttribute("data-language-choice") +
        "; path=/; max-age=31536000; samesite=lax" +
        (location.protocol === "https:" ? "; secure" : "");
    });
  });

  // The left-hand menu collapses behind a button on narrow screens.
  // Without JavaScript the button stays hidden and the menu is always shown.
  var button = document.querySelector(".menu-toggle");
  if (!button) return;
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
