package org.misalignment.dashboard.store.imports;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Which folder's free space an import is checked against, and how sizes read. */
class ImportStoreTest {

	@TempDir
	Path folder;

	@Test
	void theFolderOfAnH2FileDatabase() throws Exception {
		Path data = Files.createDirectory(this.folder.resolve("data"));
		assertThat(ImportStore.h2Folder("jdbc:h2:file:" + data.resolve("dashboard") + ";AUTO_SERVER=TRUE"))
			.contains(data);
		assertThat(ImportStore.h2Folder("jdbc:h2:" + data.resolve("dashboard"))).contains(data);
		// a folder not made yet: the nearest one that is, whose disk it will be on
		assertThat(ImportStore.h2Folder("jdbc:h2:file:" + data.resolve("later/dashboard"))).contains(data);
	}

	@Test
	void noFolderForDatabasesWhoseDiskIsNotHere() {
		assertThat(ImportStore.h2Folder("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
		assertThat(ImportStore.h2Folder("jdbc:h2:tcp://db.example.org/~/dashboard")).isEmpty();
		assertThat(ImportStore.h2Folder("jdbc:postgresql://localhost:5432/dashboard")).isEmpty();
	}

	@Test
	void sizesReadShort() {
		assertThat(NotEnoughSpaceException.size(3L << 40)).isEqualTo("3.0 TB");
		assertThat(NotEnoughSpaceException.size((long) (1.5 * (1L << 30)))).isEqualTo("1.5 GB");
		assertThat(NotEnoughSpaceException.size(512L << 20)).isEqualTo("512 MB");
		assertThat(NotEnoughSpaceException.size(100)).isEqualTo("1 KB");
	}

}
