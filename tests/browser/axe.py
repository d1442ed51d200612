"""axe-core in the page: the accessibility audit of the browser tests (and of
scripts/journeys.py). axe comes from npm through the repo's package.json
(`npm ci`), pinned in package-lock.json.

Our pages' Content-Security-Policy refuses inline scripts, so a <script> tag
with axe's text in it would be blocked; the file's text is evaluated through
Playwright instead (the DevTools protocol is not subject to the page's policy),
and `audit` checks that axe really is there before trusting an empty result."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0–2.2 A and AA, and best practice; target-size (2.5.8, 24 px) is a 2.2 AA rule.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}

RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    rules: {"target-size": {enabled: true}},
    resultTypes: ["violations", "passes"],
  });
  return {
    version: axe.version,
    passes: result.passes.map(rule => rule.id),
    violations: result.violations.map(rule => ({
      id: rule.id, impact: rule.impact, help: rule.help,
      nodes: rule.nodes.slice(0, 5).map(node => node.target.join(" ") + " " + node.html.slice(0, 160)),
    })),
  };
}"""


def axe_source():
    if not AXE.exists():
        raise AssertionError(f"axe-core is missing at {AXE}: run `npm ci` in the repository")
    return AXE.read_text(encoding="utf-8")


def audit(page, where):
    """Run axe on the page as it stands; fail on any serious or critical violation
    and on any target smaller than 24 px. Returns axe's result for more checks."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    assert page.evaluate("typeof window.axe.run") == "function", f"{where}: axe-core did not load in the page"
    result = page.evaluate(RUN, TAGS)
    # A real audit ran: the rules that always apply to a page passed or failed.
    assert "document-title" in result["passes"] + [v["id"] for v in result["violations"]], result
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING or v["id"] == "target-size"]
    assert not blocking, f"{where} ({page.url}): " + "\n".join(
        f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in blocking)
    return result
