package org.misalignment.dashboard.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.misalignment.dashboard.DashboardApplication;

/**
 * Runs the import command as {@code java -jar … import} would, on an H2 file database in
 * a folder of the test's, and keeps what it printed.
 */
final class CommandLine implements AutoCloseable {

	private final Path folder;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final PrintStream originalOut = System.out;

	private final PrintStream originalErr = System.err;

	CommandLine(Path folder) {
		this.folder = folder;
		System.setOut(new PrintStream(this.out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	/** Runs {@code import ARGS…} on the test's database; returns the exit status. */
	int run(String... args) {
		this.out.reset();
		this.err.reset();
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--spring.datasource.url=" + database());
		return ImportCommand.run(all.toArray(String[]::new), DashboardApplication.class);
	}

	String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	String database() {
		return "jdbc:h2:file:" + this.folder.resolve("db").toAbsolutePath();
	}

	/** The download cache of that database: {@code downloads} beside its file. */
	Path downloads() {
		return this.folder.resolve("downloads");
	}

	/** Every file in the download cache, temporary ones too. */
	List<Path> cached() throws IOException {
		if (!Files.isDirectory(downloads())) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(downloads())) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	long count(String sql, Object... params) throws Exception {
		try (Connection connection = DriverManager.getConnection(database(), "sa", "")) {
			var statement = connection.prepareStatement(sql);
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	@Override
	public void close() {
		System.setOut(this.originalOut);
		System.setErr(this.originalErr);
	}

}
