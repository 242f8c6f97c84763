package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.misalignment.dashboard.store.imports.ImportStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Downloads the files a manifest or the command names by URL into a cache under the data
 * folder ({@code downloads/<sha256>/<name>}), where the import reads them. A download is
 * written to a temporary file, checked (size, then SHA-256) and only then moved into the
 * cache in one step, so the cache holds whole, verified files only; a file already there
 * is used without downloading it again. Redirects are followed only within the URL's own
 * scheme, host and port, at most {@link #MAX_REDIRECTS} of them.
 */
@Component
public class Downloads {

	static final int MAX_REDIRECTS = 5;

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	/** How often a download reports its progress and looks at the clock. */
	private static final long POLL_MILLIS = 200;

	private final ImportStore store;

	private final String configuredFolder;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final long maxSize;

	private final HttpClient client;

	Downloads(ImportStore store, @Value("${dashboard.downloads.folder:}") String folder,
			@Value("${dashboard.downloads.connect-timeout:10s}") Duration connectTimeout,
			@Value("${dashboard.downloads.read-timeout:30s}") Duration readTimeout,
			@Value("${dashboard.downloads.max-size:4GB}") DataSize maxSize) {
		this.store = store;
		this.configuredFolder = folder;
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.maxSize = maxSize.toBytes();
		// redirects are ours to check: never to another host
		this.client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * The cache: {@code dashboard.downloads.folder}, else {@code downloads} beside the H2
	 * database file; without one (PostgreSQL, whose data is the server's), a folder in
	 * the temporary directory, which a container's user can write to.
	 */
	public Path folder() {
		if (this.configuredFolder != null && !this.configuredFolder.isBlank()) {
			return Path.of(this.configuredFolder).toAbsolutePath();
		}
		return this.store.h2Folder()
			.map((folder) -> folder.resolve("downloads"))
			.orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "misalignment-dashboard-downloads"))
			.toAbsolutePath()
			.normalize();
	}

	/**
	 * The downloaded file, from the cache when it is there already, else from
	 * {@code download}'s URL; {@code progress} hears of the bytes as they come.
	 */
	public Path fetch(Download download, ImportProgress progress) throws IOException {
		String url = download.url().toString();
		Path folder = folder();
		Path cached = folder.resolve(download.sha256()).resolve(download.name());
		if (Files.isRegularFile(cached)) {
			if (isWhole(cached, download)) {
				progress.note("Using the copy of " + url + " downloaded before (sha256 verified)");
				return cached;
			}
			// a damaged copy (a disk error, a hand edit): download it again
			Files.delete(cached);
		}
		Files.createDirectories(folder);
		Path part = Files.createTempFile(folder, ".download-", ".part");
		boolean kept = false;
		try {
			long started = System.nanoTime();
			ReceivedBody body = receive(download, part, progress);
			if (download.size() != null && body.bytes() != download.size()) {
				throw new DownloadException(url, String.format(Locale.ROOT, "it is %,d bytes, not the %,d expected",
						body.bytes(), download.size()));
			}
			String sha256 = body.sha256();
			if (!sha256.equals(download.sha256())) {
				throw new DownloadException(url, "its sha256 is " + sha256 + ", not the " + download.sha256()
						+ " expected: this is not the file meant");
			}
			Files.createDirectories(cached.getParent());
			Files.move(part, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			kept = true;
			progress.note(String.format(Locale.ROOT, "Downloaded %s: %,d bytes in %.1f s, sha256 verified", url,
					body.bytes(), (System.nanoTime() - started) / 1e9));
			return cached;
		}
		finally {
			if (!kept) {
				Files.deleteIfExists(part);
			}
		}
	}

	private ReceivedBody receive(Download download, Path part, ImportProgress progress) throws IOException {
		String url = download.url().toString();
		long limit = (download.size() != null) ? download.size() : this.maxSize;
		URI location = download.url();
		for (int redirects = 0;; redirects++) {
			ReceivedBody body = new ReceivedBody(part, limit);
			HttpRequest request = HttpRequest.newBuilder(location)
				.GET()
				.timeout(this.readTimeout)
				.header("User-Agent", "misalignment-dashboard")
				.build();
			CompletableFuture<HttpResponse<Void>> sent = this.client.sendAsync(request, (info) -> {
				if (info.statusCode() != 200) {
					return HttpResponse.BodySubscribers.replacing(null);
				}
				info.headers().firstValueAsLong("Content-Length").ifPresent(body::declared);
				return body;
			});
			HttpResponse<Void> response = await(url, sent, body, progress, limit);
			int status = response.statusCode();
			if (status == 200) {
				return body;
			}
			if (!REDIRECTS.contains(status)) {
				throw new DownloadException(url, "the server answered HTTP " + status);
			}
			if (redirects == MAX_REDIRECTS) {
				throw new DownloadException(url, "more than " + MAX_REDIRECTS + " redirects");
			}
			location = redirect(download.url(), location, response);
		}
	}

	/** Where a redirect leads, when it stays on the URL's scheme, host and port. */
	private static URI redirect(URI original, URI current, HttpResponse<Void> response) throws DownloadException {
		String url = original.toString();
		String target = response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new DownloadException(url,
					"a redirect (HTTP " + response.statusCode() + ") without a Location"));
		URI next;
		try {
			next = Download.httpUrl(current.resolve(target.strip()).toString());
		}
		catch (IllegalArgumentException ex) {
			throw new DownloadException(url, "it redirects to something else than an http(s) URL: " + ex.getMessage());
		}
		if (!origin(next).equals(origin(original))) {
			throw new DownloadException(url, "it redirects to another host (" + next + "); only redirects within "
					+ origin(original) + " are followed");
		}
		return next;
	}

	private static String origin(URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = (uri.getPort() >= 0) ? uri.getPort() : scheme.equals("https") ? 443 : 80;
		return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
	}

	/**
	 * The response, once its body is in; reports progress meanwhile and gives up when the
	 * server sends nothing for the read timeout. A failure (or a cancel from
	 * {@code progress}) stops the exchange.
	 */
	private HttpResponse<Void> await(String url, CompletableFuture<HttpResponse<Void>> sent, ReceivedBody body,
			ImportProgress progress, long limit) throws IOException {
		boolean finished = false;
		try {
			while (true) {
				try {
					HttpResponse<Void> response = sent.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
					finished = true;
					return response;
				}
				catch (TimeoutException ex) {
					progress.downloading(url, body.bytes(), body.declaredLength());
					if (System.nanoTime() - body.lastActivity() > this.readTimeout.toNanos()) {
						throw new DownloadException(url, "the server sent nothing for " + seconds(this.readTimeout)
								+ " (dashboard.downloads.read-timeout)");
					}
				}
				catch (ExecutionException ex) {
					throw failure(url, ex.getCause(), body, limit);
				}
				catch (CancellationException ex) {
					throw new DownloadException(url, "cancelled");
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new DownloadException(url, "interrupted");
				}
			}
		}
		finally {
			if (!finished) {
				body.cancel();
				sent.cancel(true);
			}
		}
	}

	private DownloadException failure(String url, Throwable cause, ReceivedBody body, long limit) {
		if (cause instanceof ReceivedBody.TooLarge) {
			String size = String.format(Locale.ROOT, "%,d bytes", limit);
			return new DownloadException(url,
					"it is larger than the " + size + " expected; stopped reading there" + ((body.declaredLength() > 0)
							? String.format(Locale.ROOT, " (the server announced %,d bytes)", body.declaredLength())
							: ""));
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return new DownloadException(url, "could not connect within " + seconds(this.connectTimeout)
					+ " (dashboard.downloads.connect-timeout)");
		}
		if (cause instanceof HttpTimeoutException) {
			return new DownloadException(url, "the server did not answer within " + seconds(this.readTimeout)
					+ " (dashboard.downloads.read-timeout)");
		}
		if (cause instanceof ConnectException) {
			return new DownloadException(url, "could not connect to " + URI.create(url).getHost()
					+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : ""));
		}
		String received = (body.declaredLength() > 0)
				? String.format(Locale.ROOT, "%,d of %,d bytes", body.bytes(), body.declaredLength())
				: String.format(Locale.ROOT, "%,d bytes", body.bytes());
		return new DownloadException(url, "the connection broke after " + received
				+ ((cause != null && cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : ""));
	}

	/** Whether a cached copy is the file meant: its size, and then its SHA-256. */
	private static boolean isWhole(Path cached, Download download) throws IOException {
		if (download.size() != null && Files.size(cached) != download.size()) {
			return false;
		}
		try {
			return CheckedFile.hash(cached).sha256().equals(download.sha256());
		}
		catch (ImportException ex) {
			// an empty copy
			return false;
		}
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s"
				: String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
