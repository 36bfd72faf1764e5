# The browser harness is a plugin so that every module's Playwright journey shares one Chromium.
pytest_plugins = ["gonghui.tests.browser.plugin"]
