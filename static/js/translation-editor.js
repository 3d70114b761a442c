/* wagtail-localize's translation editor in the admin's language, with its progress shown.

The editor is a React script that writes two of its texts in English whatever the admin's language
("English to Turkish translation" above the texts, "More actions" read by screen readers) and shows no
progress. Each time the script changes the page, this puts the admin's words in their place (given by
templates/wagtail_localize/admin/edit_translation.html) and counts the texts marked complete. A browser test
(tests/browser/test_admin_journeys.py) fails when a new wagtail-localize writes these texts differently.
*/
function translateTheTranslationEditor() {
  "use strict";
  var words = document.getElementById("translation-editor-words");
  var editor = document.querySelector(".js-translation-editor");
  if (!words || !editor) return;
  var progress = document.querySelector("[data-translation-progress]");

  function putWords() {
    editor.querySelectorAll("section h3").forEach(function (heading) {
      if (heading.textContent === words.dataset.headingEnglish) heading.textContent = words.dataset.heading;
    });
    editor.querySelectorAll(".w-sr-only").forEach(function (label) {
      if (label.textContent === "More actions") label.textContent = words.dataset.moreActions;
    });
  }

  function countTexts() {
    if (!progress) return;
    var texts = editor.querySelectorAll("li.complete, li.incomplete, li.errored").length;
    var done = editor.querySelectorAll("li.complete").length;
    var text = texts ? words.dataset.progress.replace("{done}", done).replace("{total}", texts) : "";
    var waiting = tabsWithUntranslatedTexts();
    if (waiting.length) text += " · " + words.dataset.waitingIn.replace("{tabs}", waiting.join(", "));
    if (progress.textContent !== text) progress.textContent = text;
  }

  // The tabs whose texts are not all translated (the slug waits on "Promote", out of sight). The script nests
  // the other tabs' panels inside the first one's: a text belongs to the innermost panel around it.
  function tabsWithUntranslatedTexts() {
    var waiting = {};
    editor.querySelectorAll("li.incomplete, li.errored").forEach(function (text) {
      var panel = text.closest("section[id^='tab-']");
      if (panel) waiting[panel.id] = true;
    });
    var names = [];
    editor.querySelectorAll("[role=tab][aria-controls]").forEach(function (tab) {
      if (waiting[tab.getAttribute("aria-controls")]) names.push(tab.textContent.trim());
    });
    return names;
  }

  function update() {
    putWords();
    countTexts();
  }

  new MutationObserver(update).observe(editor, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["class"] });
  update();
}

// Wagtail's admin loads its scripts before the page's content.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", translateTheTranslationEditor);
else translateTheTranslationEditor();
