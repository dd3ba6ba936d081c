package org.earthchem.export.job;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes rows into numbered part files of at most {@code maxRowsPerFile} rows, every part with the same columns.
 * At each commit it records the byte length of the open part, so a restarted step truncates what the failed chunk
 * wrote and carries on: a restarted export produces the same bytes as an uninterrupted one.
 */
class PartWriter implements ItemStreamWriter<Row> {

	private static final String PART = "part.number";

	private static final String ROWS = "part.rows";

	private static final String BYTES = "part.bytes";

	private static final String FINISHED = "parts.finished";

	private final Path folder;

	private final RowFormat format;

	private final long maxRowsPerFile;

	private final LongConsumer progress;

	private final List<PartFile> finished = new ArrayList<>();

	private int partNumber;

	private long rowsInPart;

	private FileChannel channel;

	private MessageDigest digest;

	private OutputStream out;

	PartWriter(Path folder, RowFormat format, long maxRowsPerFile, LongConsumer progress) {
		this.folder = folder;
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
				reopenPart(context.getLong(BYTES));
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
		if (this.channel == null) {
			return;
		}
		try {
			this.format.flush();
			this.out.flush();
			context.putInt(PART, this.partNumber);
			context.putLong(ROWS, this.rowsInPart);
			context.putLong(BYTES, this.channel.size());
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
		if (this.channel != null) {
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

	private Path partPath(int number) {
		return this.folder.resolve(String.format("part-%03d.%s", number, this.format.extension()));
	}

	private void beginPart(int number) {
		try {
			this.partNumber = number;
			this.rowsInPart = 0;
			this.channel = FileChannel.open(partPath(number), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING);
			this.digest = sha256();
			this.out = stream();
			this.format.begin(this.out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void reopenPart(long committedBytes) throws IOException {
		Path path = partPath(this.partNumber);
		this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		// drop whatever an uncommitted chunk wrote, then rebuild the digest of what stays
		this.channel.truncate(committedBytes);
		this.channel.position(committedBytes);
		this.digest = sha256();
		try (InputStream in = Files.newInputStream(path)) {
			byte[] buffer = new byte[1 << 16];
			long left = committedBytes;
			int n;
			while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
				this.digest.update(buffer, 0, n);
				left -= n;
			}
		}
		this.out = stream();
		this.format.resume(this.out, this.rowsInPart);
	}

	private OutputStream stream() {
		return new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(this.channel), 1 << 16),
				this.digest);
	}

	private void finishPart() {
		try {
			this.format.end();
			this.out.flush();
			long bytes = this.channel.size();
			this.channel.force(false);
			this.channel.close();
			this.channel = null;
			this.finished.add(new PartFile(this.partNumber, partPath(this.partNumber), this.rowsInPart, bytes,
					HexFormat.of().formatHex(this.digest.digest())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void closeQuietly() {
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// the file is rewritten from the committed length on restart
			}
			this.channel = null;
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
