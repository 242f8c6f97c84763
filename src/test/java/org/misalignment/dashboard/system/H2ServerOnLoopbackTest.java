package org.misalignment.dashboard.system;

import java.io.File;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.DashboardApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard started as users start it, on the default kind of URL
 * ({@code AUTO_SERVER=TRUE}): H2's server, which lets the import command share the file,
 * listens on the loopback address only, so nothing on the network reaches the database.
 */
class H2ServerOnLoopbackTest {

	@Test
	void theAutomaticServerListensOnLoopbackOnly(@TempDir Path folder) throws Exception {
		Path database = folder.resolve("dashboard");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process app = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				DashboardApplication.class.getName(), "--server.port=0", "--management.server.port=0",
				"--dashboard.demo.enabled=false",
				"--spring.datasource.url=jdbc:h2:file:" + database + ";AUTO_SERVER=TRUE"))
			.redirectErrorStream(true)
			.redirectOutput(new File(folder.toFile(), "app.log"))
			.start();
		try {
			Path lock = Path.of(database + ".lock.db");
			String server = null;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
			while (server == null && System.nanoTime() < deadline && app.isAlive()) {
				Thread.sleep(500);
				if (Files.exists(lock)) {
					Properties properties = new Properties();
					try (Reader in = Files.newBufferedReader(lock)) {
						properties.load(in);
					}
					server = properties.getProperty("server");
				}
			}
			assertThat(server).as("the H2 server in " + lock + " (log: " + folder.resolve("app.log") + ")").isNotNull();
			String host = server.substring(0, server.lastIndexOf(':'));
			int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
			assertThat(host).isIn("127.0.0.1", "localhost");
			try (Socket local = new Socket()) {
				local.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			}
			// any address of this machine other than loopback is refused
			for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
				for (InetAddress address : network.inetAddresses().toList()) {
					if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
						assertThatThrownBy(() -> {
							try (Socket outside = new Socket()) {
								outside.connect(new InetSocketAddress(address, port), 2000);
							}
						}).as(address.toString()).isInstanceOf(java.io.IOException.class);
					}
				}
			}
		}
		finally {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

}
