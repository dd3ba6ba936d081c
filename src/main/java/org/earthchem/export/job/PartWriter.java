package org.earthchem.export.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

import org.earthchem.export.storage.TaskCipher;
import org.earthchem.export.storage.TempFiles;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes rows into numbered part files of at most {@code maxRowsPerFile} rows, every part with the same columns.
 * Each part is a folder of encrypted pieces, one sealed at each commit, so that no plaintext reaches the disk and a
 * restarted step drops whatever the failed chunk wrote and carries on: a restarted export produces the same bytes as
 * an uninterrupted one.
 */
class PartWriter implements ItemStreamWriter<Row> {

	private static final String PART = "part.number";

	private static final String ROWS = "part.rows";

	private static final String BYTES = "part.bytes";

	private static final String PIECES = "part.pieces";

	private static final String FINISHED = "parts.finished";

	private final Path folder;

	private final TaskCipher cipher;

	private final RowFormat format;

	private final long maxRowsPerFile;

	private final LongConsumer progress;

	private final List<PartFile> finished = new ArrayList<>();

	private int partNumber;

	private long rowsInPart;

	private PieceStream pieces;

	private MessageDigest digest;

	private OutputStream out;

	PartWriter(Path folder, TaskCipher cipher, RowFormat format, long maxRowsPerFile, LongConsumer progress) {
		this.folder = folder;
		this.cipher = cipher;
		this.format = format;
		this.maxRowsPerFile = maxRowsPerFile;
		this.progress = progress;
	}

	@Override
	public void open(ExecutionContext context) {
		try {
			Files.createDirectories(this.folder);
			if (context.containsKey(FINISHED)) {
				for (String encoded : context.getString(FINISHED).split("\n")) {
					if (!encoded.isBlank()) {
						this.finished.add(PartFile.decode(encoded));
					}
				}
			}
			if (context.containsKey(PART)) {
				this.partNumber = context.getInt(PART);
				this.rowsInPart = context.getLong(ROWS);
				reopenPart(context.getInt(PIECES), context.getLong(BYTES));
			}
			else {
				beginPart(1);
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("could not open the export's part file", ex);
		}
	}

	@Override
	public void write(Chunk<? extends Row> rows) {
		for (Row row : rows) {
			if (this.rowsInPart == this.maxRowsPerFile) {
				finishPart();
				beginPart(this.partNumber + 1);
			}
			this.format.write(row);
			this.rowsInPart++;
		}
		this.progress.accept(rowsWritten());
	}

	/** Rows in every part so far. */
	long rowsWritten() {
		long rows = this.rowsInPart;
		for (PartFile part : this.finished) {
			rows += part.rows();
		}
		return rows;
	}

	@Override
	public void update(ExecutionContext context) {
		if (this.pieces == null) {
			return;
		}
		try {
			this.format.flush();
			this.out.flush();
			this.pieces.seal();
			context.putInt(PART, this.partNumber);
			context.putLong(ROWS, this.rowsInPart);
			context.putLong(BYTES, this.pieces.bytes());
			context.putInt(PIECES, this.pieces.sealed());
			context.putString(FINISHED, encodedFinished());
		}
		catch (IOException ex) {
			throw new ItemStreamException("could not flush the export's part file", ex);
		}
	}

	@Override
	public void close() {
		closeQuietly();
	}

	/** Ends the last part and returns every part, in order. Called once the reader is exhausted. */
	List<PartFile> complete() {
		if (this.pieces != null) {
			finishPart();
		}
		return List.copyOf(this.finished);
	}

	private String encodedFinished() {
		StringBuilder text = new StringBuilder();
		for (PartFile part : this.finished) {
			text.append(part.encode()).append('\n');
		}
		return text.toString();
	}

	private Path partFolder(int number) {
		return this.folder.resolve(String.format("part-%03d.%s", number, this.format.extension()));
	}

	private void beginPart(int number) {
		try {
			this.partNumber = number;
			this.rowsInPart = 0;
			Path partFolder = partFolder(number);
			TempFiles.deleteTree(partFolder);
			Files.createDirectories(partFolder);
			this.pieces = new PieceStream(this.cipher, partFolder, 0, 0);
			this.digest = sha256();
			this.out = new DigestOutputStream(this.pieces, this.digest);
			this.format.begin(this.out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void reopenPart(int sealedPieces, long committedBytes) throws IOException {
		Path partFolder = partFolder(this.partNumber);
		Files.createDirectories(partFolder);
		// drop whatever an uncommitted chunk wrote, then rebuild the digest of what stays
		try (var files = Files.list(partFolder)) {
			for (Path file : files.toList()) {
				if (!isSealed(file, partFolder, sealedPieces)) {
					Files.delete(file);
				}
			}
		}
		this.digest = sha256();
		long read = 0;
		try (InputStream in = PartFile.openPieces(this.cipher, partFolder, sealedPieces)) {
			byte[] buffer = new byte[1 << 16];
			int n;
			while ((n = in.read(buffer)) > 0) {
				this.digest.update(buffer, 0, n);
				read += n;
			}
		}
		if (read != committedBytes) {
			throw new IOException("part " + this.partNumber + " holds " + read + " committed bytes where "
					+ committedBytes + " were recorded");
		}
		this.pieces = new PieceStream(this.cipher, partFolder, sealedPieces, committedBytes);
		this.out = new DigestOutputStream(this.pieces, this.digest);
		this.format.resume(this.out, this.rowsInPart);
	}

	private static boolean isSealed(Path file, Path partFolder, int sealedPieces) {
		for (int i = 1; i <= sealedPieces; i++) {
			if (file.equals(PartFile.piece(partFolder, i))) {
				return true;
			}
		}
		return false;
	}

	private void finishPart() {
		try {
			this.format.end();
			this.out.flush();
			this.pieces.seal();
			this.finished.add(new PartFile(this.partNumber, partFolder(this.partNumber), this.rowsInPart,
					this.pieces.bytes(), HexFormat.of().formatHex(this.digest.digest()), this.pieces.sealed()));
			this.pieces = null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void closeQuietly() {
		if (this.pieces != null) {
			try {
				this.pieces.close();
			}
			catch (IOException ex) {
				// an unsealed piece is dropped on restart
			}
			this.pieces = null;
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
