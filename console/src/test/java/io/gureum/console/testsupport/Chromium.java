package io.gureum.console.testsupport;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Debian's Chromium driven by Playwright, for the browser tests. Never downloads a browser: there
 * is no internet here, and the Chromium users get from the distribution is the one we test.
 */
public final class Chromium implements AutoCloseable {

    /** Where screenshots for docs/ go; the module's tests run with console/ as working directory. */
    public static final Path DOC_IMAGES = Path.of(System.getProperty("gureum.docs.images", "../docs/images"));

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts headless Chromium, or skips (fails under CI) when it is not installed. */
    public static Chromium start() {
        Path chromium = Requires.chromium();
        // On a 2-core machine under a full suite a page with hundreds of rows takes more than Playwright's 5 s to
        // show: assertions wait up to 15 s (a passing one returns as soon as it holds; only failures take longer).
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        return new Chromium(playwright, browser);
    }

    /** A fresh page (its own cookies, so its own session) of 1280 x 800. */
    public Page newPage() {
        return newPage(1280, 800);
    }

    /** A fresh page (its own session) of the given size, e.g. 1366 x 768 for the smallest laptop screen. */
    public Page newPage(int width, int height) {
        return browser.newPage(new Browser.NewPageOptions().setViewportSize(width, height));
    }

    /** The browser itself, for tests that open many contexts (sessions) of their own. */
    public Browser browser() {
        return browser;
    }

    /** Logs in through the login form and waits for the shell. */
    public static void logIn(Page page, String baseUrl, String username, String password) {
        page.navigate(baseUrl + "/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#main-nav")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
    }

    /**
     * Clicks a link in a grid and waits for the page it leads to. A grid that live updates re-render
     * under the pointer can swallow a click on a loaded machine (seen once in CI); the click is then
     * repeated, twice at most, and the repeat is reported on standard output.
     */
    public static void follow(Page page, Locator link, Pattern url) {
        for (int attempt = 1; ; attempt++) {
            link.click();
            try {
                page.waitForURL(url, new Page.WaitForURLOptions().setTimeout(10_000));
                return;
            } catch (TimeoutError notYet) {
                if (attempt == 3) {
                    throw notYet;
                }
                System.out.println("[chromium] no navigation to " + url + " 10 s after clicking " + link
                        + " (now at " + page.url() + "); clicking again");
            }
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
