package org.misalignment.dashboard;

import java.util.Arrays;

import org.misalignment.dashboard.importing.ImportCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DashboardApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("import")) {
			System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), DashboardApplication.class));
		}
		SpringApplication.run(DashboardApplication.class, args);
	}

}
