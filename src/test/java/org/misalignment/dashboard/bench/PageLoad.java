package org.misalignment.dashboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.misalignment.dashboard.browser.Browser;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The overview of the demo as a reader's browser loads it: headless Chromium opens
 * {@code /d/demo} with an empty cache (a first visit), then opens it again (a reader
 * coming back from a link), and reports what went over the wire and when the load event
 * ended, on this machine's network and on an emulated slow mobile network (150 ms round
 * trip, 1.6 Mbit/s down, 750 kbit/s up). Each figure is the median of
 * {@code pageload.visits} fresh browsers.
 * <p>
 * It starts the jar it is given ({@code -Dpageload.jar}, default the one just built) on a
 * fresh H2 file, so an older build can be measured the same way for a before/after
 * comparison (docs/operations.md, "What browsers download").
 */
public final class PageLoad {

	private static final String TIMING = """
			const n = performance.getEntriesByType('navigation')[0];
			const r = performance.getEntriesByType('resource');
			let bytes = n.transferSize;
			for (const e of r) { bytes += e.transferSize; }
			return [n.loadEventEnd, bytes, r.length];
			""";

	private PageLoad() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(System.getProperty("pageload.jar", "target/misalignment-dashboard.jar"));
		int port = Integer.getInteger("pageload.port", 18150);
		int visits = Integer.getInteger("pageload.visits", 5);
		Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target", "pageload")), "run");
		Process app = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port,
				"--management.server.port=0", "--spring.datasource.url=jdbc:h2:file:" + folder.toAbsolutePath() + "/db")
			.redirectErrorStream(true)
			.redirectOutput(folder.resolve("app.log").toFile())
			.start();
		try {
			String url = "http://127.0.0.1:" + port + "/d/demo";
			waitFor(url, app);
			System.out.printf(Locale.ROOT, "Overview of the demo (%s), median of %d fresh Chromium browsers%n", jar,
					visits);
			measure(url, visits, null);
			measure(url, visits, Map.of("offline", false, "latency", 150, "downloadThroughput", 1_600_000 / 8,
					"uploadThroughput", 750_000 / 8));
		}
		finally {
			app.destroy();
			app.waitFor();
		}
	}

	private static void measure(String url, int visits, Map<String, Object> network) throws IOException {
		List<double[]> first = new ArrayList<>();
		List<double[]> repeat = new ArrayList<>();
		for (int i = 0; i < visits; i++) {
			try (Browser browser = Browser.start()) {
				ChromeDriver driver = (ChromeDriver) browser.driver();
				if (network != null) {
					driver.executeCdpCommand("Network.enable", Map.of());
					driver.executeCdpCommand("Network.emulateNetworkConditions", network);
				}
				first.add(visit(browser, url));
				repeat.add(visit(browser, url));
			}
		}
		String name = (network == null) ? "this machine" : "slow mobile network";
		print(name + ", first visit ", first);
		print(name + ", repeat visit", repeat);
	}

	private static double[] visit(Browser browser, String url) {
		browser.driver().get(url);
		for (int wait = 0; wait < 100; wait++) {
			List<?> timing = (List<?>) browser.script(TIMING);
			double loaded = ((Number) timing.get(0)).doubleValue();
			if (loaded > 0) {
				return new double[] { loaded, ((Number) timing.get(1)).doubleValue(),
						((Number) timing.get(2)).doubleValue() };
			}
			sleep(50);
		}
		throw new IllegalStateException("no load event for " + url);
	}

	private static void print(String name, List<double[]> samples) {
		System.out.printf(Locale.ROOT, "  %-34s load event %,7.0f ms   transferred %,9.0f bytes   %2.0f files%n", name,
				median(samples, 0), median(samples, 1), median(samples, 2));
	}

	private static double median(List<double[]> samples, int column) {
		double[] values = samples.stream().mapToDouble((s) -> s[column]).sorted().toArray();
		return values[values.length / 2];
	}

	private static void waitFor(String url, Process app) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		for (int i = 0; i < 600; i++) {
			if (!app.isAlive()) {
				throw new IllegalStateException("the dashboard stopped; see its log under target/pageload/");
			}
			try {
				if (client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			sleep(500);
		}
		throw new IllegalStateException(url + " did not answer 200 within 5 minutes");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
