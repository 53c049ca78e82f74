#!/usr/bin/env python3
"""Checks HTML editions in headless Chromium (issue 16): axe-core with the WCAG 2.1 A and AA and
best-practice rules, no page-level horizontal scrolling at phone width, every image named, and
optionally screenshots (desktop 1280 px, phone 390 px) and a print to PDF.

    scripts/check-html.py [--shots DIR] FILE.html...

Exit 0: no violations; 1: violations (listed); 3: Chromium, chromedriver, selenium or axe-core
is missing (the caller decides whether that is a skip). axe.min.js comes from inside the PyPI
package axe-playwright-python (installed with --no-deps; its Playwright is not needed).
"""
import argparse
import base64
import json
import os
import shutil
import sys


def find_axe():
    try:
        import axe_playwright_python
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
    return path if os.path.exists(path) else None


def missing(what):
    print(f"check-html: {what} is missing; install it with `make setup`", file=sys.stderr)
    sys.exit(3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shots", help="folder for screenshots and the printed PDF")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium:
        missing("chromium (Debian package chromium)")
    if not driver:
        missing("chromedriver (Debian package chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium (PyPI)")
    axe_path = find_axe()
    if not axe_path:
        missing("axe.min.js (PyPI axe-playwright-python, installed with --no-deps)")
    axe = open(axe_path, encoding="utf-8").read()

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-GB"):
        opts.add_argument(a)
    browser = webdriver.Chrome(service=Service(driver), options=opts)
    # axe takes a while on a large quarter's page (every cell's contrast is checked).
    browser.set_script_timeout(900)
    failures = 0
    try:
        for path in args.files:
            url = "file://" + os.path.abspath(path)
            name = os.path.splitext(os.path.basename(path))[0]
            problems = []
            for width, label in ((1280, "desktop"), (390, "phone")):
                browser.set_window_size(width, 900)
                # The viewport, not the window, must be `width` wide.
                browser.get(url)
                inner = browser.execute_script("return window.innerWidth")
                browser.set_window_size(width + (width - inner), 900)
                browser.get(url)
                browser.execute_script(axe)
                result = browser.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},"
                    " resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));")
                for v in result:
                    targets = [", ".join(n.get("target", [])) for n in v.get("nodes", [])][:5]
                    problems.append(f"{label}: {v['id']} ({v.get('impact')}): {v['help']}: {len(v.get('nodes', []))} node(s), e.g. {targets}")
                # The page itself never scrolls sideways; wide tables scroll in their own box.
                overflow = browser.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    wide = browser.execute_script(
                        "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]"
                        ".filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))"
                        ".slice(0, 5).map(e => e.tagName + '.' + e.className)")
                    problems.append(f"{label}: the page scrolls sideways by {overflow}px ({wide})")
                # Every drawing is either named or hidden from assistive technology.
                unnamed = browser.execute_script(
                    "return [...document.querySelectorAll('svg')].filter(s => s.getAttribute('aria-hidden') !== 'true'"
                    " && !(s.getAttribute('role') === 'img' && s.getAttribute('aria-labelledby'))).length")
                if unnamed:
                    problems.append(f"{label}: {unnamed} SVG drawing(s) neither named nor hidden")
                if args.shots:
                    os.makedirs(args.shots, exist_ok=True)
                    height = browser.execute_script("return document.documentElement.scrollHeight")
                    browser.set_window_size(width + (width - inner), min(height, 16000))
                    browser.save_screenshot(os.path.join(args.shots, f"{name}-{label}.png"))
            if args.shots:
                pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
                with open(os.path.join(args.shots, f"{name}-print.pdf"), "wb") as f:
                    f.write(base64.b64decode(pdf["data"]))
            if problems:
                failures += 1
                print(f"{path}: {len(problems)} problem(s)")
                for p in problems:
                    print("  " + p)
            else:
                print(f"{path}: no axe violations (WCAG 2.1 A/AA, best practice) at 1280 and 390 px; no sideways scrolling")
    finally:
        browser.quit()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
