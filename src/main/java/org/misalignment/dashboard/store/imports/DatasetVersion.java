package org.misalignment.dashboard.store.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * A dataset's version: the first 12 hex digits of the SHA-256 of its files' import keys
 * (each file's SHA-256 with the model, group and condition it was imported as), sorted
 * and joined by newlines. Importing a new file changes it; importing a file again
 * (skipped) or in another order does not. Titles and other provenance are not part of it:
 * the version names the answers and scores, which are what a chart's numbers come from.
 */
public final class DatasetVersion {

	static final int LENGTH = 12;

	private DatasetVersion() {
	}

	public static String of(Collection<String> importKeys) {
		List<String> sorted = new ArrayList<>(importKeys);
		sorted.sort(null);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(String.join("\n", sorted).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, LENGTH);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

	/**
	 * Computes the dataset's version from its files and stores it, inside the caller's
	 * transaction.
	 */
	public static String store(Connection connection, long datasetId) throws SQLException {
		List<String> keys = new ArrayList<>();
		try (PreparedStatement select = connection
			.prepareStatement("SELECT import_key FROM dataset_file WHERE dataset_id = ?")) {
			select.setLong(1, datasetId);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					keys.add(rows.getString(1));
				}
			}
		}
		String version = of(keys);
		try (PreparedStatement update = connection.prepareStatement("UPDATE dataset SET version = ? WHERE id = ?")) {
			update.setString(1, version);
			update.setLong(2, datasetId);
			update.executeUpdate();
		}
		return version;
	}

}
