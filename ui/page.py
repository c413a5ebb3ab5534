"""The page's own CSS and script: citation links in the chat open the source panel."""

# Citation markers in answers are links to "#cite-<turn>-<n>". The script catches the click
# (before the chat's own link handling, hence the capture phase), writes "<turn>:<n>:<nonce>"
# into a hidden textbox and fires its input event; the textbox's change event then runs the
# Python callback that fills the source panel. The nonce makes a second click on the same
# citation a change too.
HEAD = """
<script>
document.addEventListener("click", function (ev) {
  var link = ev.target && ev.target.closest ? ev.target.closest('a[href^="#cite-"]') : null;
  if (!link) return;
  var m = /^#cite-(\\d+)-(\\d+)$/.exec(link.getAttribute("href") || "");
  if (!m) return;
  ev.preventDefault();
  ev.stopPropagation();
  var box = document.querySelector("#cite-request textarea, #cite-request input");
  if (!box) return;
  box.value = m[1] + ":" + m[2] + ":" + Date.now();
  box.dispatchEvent(new Event("input", { bubbles: true }));
  var panel = document.getElementById("source-panel");
  if (panel && window.innerWidth < 900) {
    setTimeout(function () { panel.scrollIntoView({ behavior: "smooth", block: "start" }); }, 300);
  }
}, true);
</script>
"""

CSS = """
#chat a[href^="#cite-"] { font-weight: 600; text-decoration: underline; padding: 0 2px; }
#chat a[href^="#cite-"]:focus { outline: 2px solid var(--color-accent); outline-offset: 1px; }
.cofnod-source dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; }
.cofnod-source dt { font-weight: 600; }
.cofnod-source dd { margin: 0; overflow-wrap: anywhere; }
.cofnod-para { border-left: 4px solid transparent; padding: 4px 8px; margin: 6px 0; opacity: 0.8; }
.cofnod-para p { margin: 2px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.cofnod-cited { border-left-color: var(--color-accent); background: var(--color-accent-soft); opacity: 1; }
.cofnod-where { font-size: 0.85em; font-weight: 600; }
@media (min-width: 900px) {
  #source-col { position: sticky; top: 8px; align-self: flex-start; max-height: calc(100vh - 16px); overflow-y: auto; }
}
@media (max-width: 640px) { #chat { height: 60vh !important; } }
"""
