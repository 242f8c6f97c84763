package org.misalignment.dashboard;

import java.util.Arrays;

import org.misalignment.dashboard.importing.ImportCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DashboardApplication {

	/**
	 * H2's automatic server mode ({@code AUTO_SERVER=TRUE} in the default URL, which lets
	 * the {@code import} command write while the dashboard runs) listens on this address
	 * only: the machine itself, never the network. Set the {@code h2.bindAddress} system
	 * property to choose another.
	 */
	static final String H2_BIND_ADDRESS = "127.0.0.1";

	public static void main(String[] args) {
		if (System.getProperty("h2.bindAddress") == null) {
			System.setProperty("h2.bindAddress", H2_BIND_ADDRESS);
		}
		if (args.length > 0 && args[0].equals("import")) {
			System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), DashboardApplication.class));
		}
		SpringApplication.run(DashboardApplication.class, args);
	}

}
