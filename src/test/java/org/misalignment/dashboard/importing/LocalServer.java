package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and a free port, started by a test: serves what the
 * test gives it, path by path, and counts the requests it answers.
 */
public final class LocalServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "local-server");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	public LocalServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.threads);
		this.server.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getRawPath();
			this.requests.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
			HttpHandler handler = this.handlers.get(path);
			try {
				if (handler == null) {
					exchange.sendResponseHeaders(404, -1);
				}
				else {
					handler.handle(exchange);
				}
			}
			catch (IOException ex) {
				// a client that went away, or a handler that drops the connection on
				// purpose
			}
			finally {
				exchange.close();
			}
		});
		this.server.start();
	}

	/** Serves {@code bytes} at {@code path}, with their length. */
	public LocalServer serve(String path, byte[] bytes) {
		return handle(path, (exchange) -> {
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
	}

	/** Answers {@code path} with a redirect to {@code location}. */
	public LocalServer redirect(String path, String location) {
		return handle(path, (exchange) -> {
			exchange.getResponseHeaders().add("Location", location);
			exchange.sendResponseHeaders(302, -1);
		});
	}

	public LocalServer handle(String path, HttpHandler handler) {
		this.handlers.put(path, handler);
		return this;
	}

	/** {@code http://127.0.0.1:PORT} followed by {@code path}. */
	public String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The requests answered at {@code path} so far. */
	public int requests(String path) {
		AtomicInteger count = this.requests.get(path);
		return (count != null) ? count.get() : 0;
	}

	/** The requests answered so far, at any path. */
	public int requests() {
		return this.requests.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
