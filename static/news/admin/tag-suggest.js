// Suggests existing tags for the last comma-separated entry of a tag field.
"use strict";
document.addEventListener("input", async (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.suggestUrl) return;
  const parts = input.value.split(/[,，]/);
  const term = parts.pop().trim();
  const list = document.getElementById(input.getAttribute("list"));
  if (!term || !list) return;
  const response = await fetch(`${input.dataset.suggestUrl}?q=${encodeURIComponent(term)}`, {
    headers: { Accept: "application/json" },
  });
  if (!response.ok) return;
  const { results } = await response.json();
  const prefix = parts.length ? `${parts.join(",")}, ` : "";
  list.replaceChildren(
    ...results.map((name) => {
      const option = document.createElement("option");
      option.value = prefix + name;
      return option;
    }),
  );
});
