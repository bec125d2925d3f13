// Tag fields: suggests existing tags for the entry being typed, and shows each tag as a chip.
// Tags split on , ， 、 ； ; like the server (news/tags.py), so what the chips show is what saves.
"use strict";
const SEPARATORS = /[,，、；;]/;

function splitTags(value) {
  return value
    .split(SEPARATORS)
    .map((part) => part.trim().replace(/^"(.*)"$/, "$1"))
    .filter(Boolean);
}

function renderChips(input) {
  const chips = document.getElementById(`${input.id}-chips`);
  if (!chips) return;
  chips.replaceChildren(
    ...splitTags(input.value).map((name) => {
      const chip = document.createElement("li");
      chip.textContent = name;
      return chip;
    }),
  );
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-suggest-url]").forEach(renderChips);
});

document.addEventListener("input", async (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.suggestUrl) return;
  renderChips(input);
  const parts = input.value.split(SEPARATORS);
  const term = parts.pop().trim();
  const list = document.getElementById(input.getAttribute("list"));
  if (!term || !list) return;
  const response = await fetch(`${input.dataset.suggestUrl}?q=${encodeURIComponent(term)}`, {
    headers: { Accept: "application/json" },
  });
  if (!response.ok) return;
  const { results } = await response.json();
  const prefix = parts.length ? `${parts.map((p) => p.trim()).join("，")}，` : "";
  list.replaceChildren(
    ...results.map((name) => {
      const option = document.createElement("option");
      option.value = prefix + name;
      return option;
    }),
  );
});
