package org.earthchem.export.notify;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.earthchem.export.source.Compression;
import org.earthchem.export.source.FileType;
import org.earthchem.export.source.ReservedParameter;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.Timestamps;
import org.earthchem.export.text.UserText;
import org.springframework.web.util.HtmlUtils;

/**
 * The mail that tells a user how an export ended, as a subject, a plain-text body and an HTML body that say the
 * same. Every value that comes from the user or the data is escaped in the HTML.
 */
record ExportMail(String subject, String text, String html) {

	private static final String FONT = "font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222";

	private static final String CELL = "padding:4px 12px 4px 0;vertical-align:top;text-align:left";

	private static final String LINK = "color:#1a5fb4";

	private static final String MUTED = "color:#666;font-size:12px";

	/** The mail for a Succeeded task: its search, files, links and when it finished. */
	static ExportMail succeeded(ExportTask task, String consoleUrl) {
		String source = text(task.source());
		String subject = "Your " + source + " export is ready";
		List<String> query = readableQuery(task.query());
		List<ExportFile> files = task.files();
		String rows = rows(task.totalRowsInFiles()) + " in " + count(files.size(), "file", "files");
		String finished = Timestamps.format(task.finishedAt());
		String consoleLink = consoleLink(consoleUrl, task.taskId());

		StringBuilder text = new StringBuilder();
		text.append("Hello,\n\n");
		text.append("Your ").append(source).append(" export is ready.\n\n");
		text.append("Your search\n");
		query.forEach((line) -> text.append("  ").append(line).append('\n'));
		text.append('\n');
		text.append("File type: ").append(fileType(task)).append('\n');
		text.append("Total: ").append(rows).append('\n');
		text.append('\n');
		text.append("Files\n");
		for (ExportFile file : files) {
			text.append("  ").append(text(file.name())).append('\n');
			text.append("    ").append(rows(file.rows())).append(", ").append(size(file.bytes())).append('\n');
			text.append("    SHA-256: ").append(text(file.sha256())).append('\n');
			if (file.downloadUrl() != null) {
				text.append("    Download: ").append(file.downloadUrl()).append('\n');
				text.append("    ").append(expiry(file)).append('\n');
			}
			else {
				text.append("    ").append(noLink(file)).append('\n');
			}
		}
		text.append('\n');
		if (finished != null) {
			text.append("Completed: ").append(finished).append('\n');
		}
		text.append("Task id: ").append(text(task.taskId())).append('\n');
		if (consoleLink != null) {
			text.append('\n').append("See this export in the console: ").append(consoleLink).append('\n');
		}
		text.append(textFooter());

		StringBuilder html = new StringBuilder();
		html.append(htmlStart(subject));
		html.append("<p>Hello,</p>\n");
		html.append("<p style=\"font-size:16px\"><strong>Your ")
			.append(esc(source))
			.append(" export is ready.</strong></p>\n");
		html.append(htmlQuery(query));
		html.append("<table style=\"border-collapse:collapse;margin:12px 0\">\n");
		html.append(htmlRow("File type", esc(fileType(task))));
		html.append(htmlRow("Total", esc(rows)));
		html.append("</table>\n");
		html.append("<h3 style=\"font-size:15px;margin:16px 0 4px\">Files</h3>\n");
		html.append("<table style=\"border-collapse:collapse\">\n");
		html.append("<tr><th style=\"").append(CELL).append("\">File</th><th style=\"").append(CELL)
			.append("\">Rows</th><th style=\"").append(CELL).append("\">Size</th><th style=\"").append(CELL)
			.append("\">Link</th></tr>\n");
		for (ExportFile file : files) {
			html.append("<tr><td style=\"").append(CELL).append("\">").append(esc(file.name()))
				.append("<br><span style=\"").append(MUTED).append(";font-family:monospace\">SHA-256: ")
				.append(esc(file.sha256())).append("</span></td>");
			html.append("<td style=\"").append(CELL).append("\">").append(esc(rows(file.rows()))).append("</td>");
			html.append("<td style=\"").append(CELL).append("\">").append(esc(size(file.bytes()))).append("</td>");
			html.append("<td style=\"").append(CELL).append("\">");
			if (file.downloadUrl() != null) {
				html.append(anchor(file.downloadUrl(), "Download")).append("<br><span style=\"").append(MUTED)
					.append("\">").append(esc(expiry(file))).append("</span>");
			}
			else {
				html.append(esc(noLink(file)));
			}
			html.append("</td></tr>\n");
		}
		html.append("</table>\n");
		html.append("<table style=\"border-collapse:collapse;margin:12px 0\">\n");
		if (finished != null) {
			html.append(htmlRow("Completed", esc(finished)));
		}
		html.append(htmlRow("Task id", "<code>" + esc(task.taskId()) + "</code>"));
		html.append("</table>\n");
		if (consoleLink != null) {
			html.append("<p>").append(anchor(consoleLink, "See this export in the console")).append("</p>\n");
		}
		html.append(htmlEnd());
		return new ExportMail(subject, text.toString(), html.toString());
	}

	/** The mail for a Failed task: what went wrong, its code, the task id and what to do next. */
	static ExportMail failed(ExportTask task, String consoleUrl) {
		String source = text(task.source());
		String subject = "Your " + source + " export failed";
		TaskError error = task.error();
		String message = (error != null && error.message() != null && !error.message().isBlank()) ? error.message()
				: "The export stopped for a reason the service did not record.";
		String code = (error != null && error.code() != null) ? error.code().name() : "UNKNOWN";
		List<String> query = readableQuery(task.query());
		String finished = Timestamps.format(task.finishedAt());
		String consoleLink = consoleLink(consoleUrl, task.taskId());
		String again = "Request the export again: many causes, such as a search cluster or file store that was "
				+ "briefly out of reach, pass on their own.";
		String contact = "If it fails again, contact the EarthChem operators and quote the task id "
				+ text(task.taskId()) + ".";

		StringBuilder text = new StringBuilder();
		text.append("Hello,\n\n");
		text.append("Your ").append(source).append(" export could not be completed.\n\n");
		text.append("What went wrong: ").append(message).append('\n');
		text.append("Error code: ").append(code).append('\n');
		text.append("Task id: ").append(text(task.taskId())).append('\n');
		if (finished != null) {
			text.append("Failed at: ").append(finished).append('\n');
		}
		text.append('\n');
		text.append("Your search\n");
		query.forEach((line) -> text.append("  ").append(line).append('\n'));
		text.append("  file type: ").append(fileType(task)).append('\n');
		text.append('\n');
		text.append("What to do next\n");
		text.append("  - ").append(again).append('\n');
		text.append("  - ").append(contact).append('\n');
		if (consoleLink != null) {
			text.append('\n').append("See this export in the console: ").append(consoleLink).append('\n');
		}
		text.append(textFooter());

		StringBuilder html = new StringBuilder();
		html.append(htmlStart(subject));
		html.append("<p>Hello,</p>\n");
		html.append("<p style=\"font-size:16px\"><strong>Your ")
			.append(esc(source))
			.append(" export could not be completed.</strong></p>\n");
		html.append("<table style=\"border-collapse:collapse;margin:12px 0\">\n");
		html.append(htmlRow("What went wrong", esc(message)));
		html.append(htmlRow("Error code", "<code>" + esc(code) + "</code>"));
		html.append(htmlRow("Task id", "<code>" + esc(task.taskId()) + "</code>"));
		if (finished != null) {
			html.append(htmlRow("Failed at", esc(finished)));
		}
		html.append("</table>\n");
		List<String> search = new ArrayList<>(query);
		search.add("file type: " + fileType(task));
		html.append(htmlQuery(search));
		html.append("<h3 style=\"font-size:15px;margin:16px 0 4px\">What to do next</h3>\n");
		html.append("<ul style=\"margin:0;padding-left:20px\">\n");
		html.append("<li>").append(esc(again)).append("</li>\n");
		html.append("<li>").append(esc(contact)).append("</li>\n");
		html.append("</ul>\n");
		if (consoleLink != null) {
			html.append("<p>").append(anchor(consoleLink, "See this export in the console")).append("</p>\n");
		}
		html.append(htmlEnd());
		return new ExportMail(subject, text.toString(), html.toString());
	}

	/**
	 * The canonical query as lines a person reads: one per parameter, URL-decoded, ranges as {@code ≥}/{@code ≤},
	 * control and bidi characters escaped; "all records" when there is none.
	 */
	static List<String> readableQuery(String query) {
		if (query == null || query.isBlank()) {
			return List.of("all records");
		}
		List<String> lines = new ArrayList<>();
		for (String parameter : query.split("&")) {
			if (parameter.isEmpty()) {
				continue;
			}
			int equals = parameter.indexOf('=');
			String name = decode((equals < 0) ? parameter : parameter.substring(0, equals));
			String raw = (equals < 0) ? "" : parameter.substring(equals + 1);
			// user-given text: a CR/LF or a bidi override is shown as an escape, never acted on
			lines.add(UserText.escapeControls(readable(name, raw)));
		}
		return lines.isEmpty() ? List.of("all records") : List.copyOf(lines);
	}

	private static String readable(String name, String raw) {
		if (name.equals(ReservedParameter.TEXT.urlName())) {
			return "text: " + decode(raw);
		}
		// each value of a list is encoded on its own, so a literal comma separates values
		String values = Arrays.stream(raw.split(",", -1)).map(ExportMail::decode).collect(Collectors.joining(", "));
		if (name.equals(ReservedParameter.BBOX.urlName())) {
			return "area (min lon, min lat, max lon, max lat): " + values;
		}
		if (name.equals(ReservedParameter.COLUMNS.urlName())) {
			return "columns starting with: " + values;
		}
		if (name.endsWith(".min") && name.length() > 4) {
			return name.substring(0, name.length() - 4) + " ≥ " + values;
		}
		if (name.endsWith(".max") && name.length() > 4) {
			return name.substring(0, name.length() - 4) + " ≤ " + values;
		}
		return name + ": " + values;
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// not form-encoded after all: show it as it stands rather than lose it
			return value;
		}
	}

	/** A size as people read it, in decimal units: {@code 512 bytes}, {@code 1.2 MB}. */
	static String size(long bytes) {
		if (bytes < 1000) {
			return bytes + ((bytes == 1) ? " byte" : " bytes");
		}
		String[] units = { "kB", "MB", "GB", "TB", "PB", "EB" };
		double value = bytes;
		for (int i = 0; i < units.length; i++) {
			value /= 1000;
			if (Math.round(value * 10) < 10_000 || i == units.length - 1) {
				return String.format(Locale.ROOT, "%.1f %s", value, units[i]);
			}
		}
		throw new IllegalStateException("unreachable");
	}

	static String rows(long rows) {
		return count(rows, "row", "rows");
	}

	private static String count(long n, String one, String many) {
		return String.format(Locale.ROOT, "%,d %s", n, (n == 1) ? one : many);
	}

	/** {@code CSV}, {@code JSON Lines (NDJSON), gzip-compressed}, … */
	private static String fileType(ExportTask task) {
		String type = FileType.parse(task.fileType()).map(FileType::title)
			.orElseGet(() -> text(task.fileType()).toUpperCase(Locale.ROOT));
		return (Compression.of(task.compression()) == Compression.GZIP) ? type + ", gzip-compressed" : type;
	}

	private static String expiry(ExportFile file) {
		return (file.expiresAt() != null) ? "The link works until " + Timestamps.format(file.expiresAt()) + "."
				: "The link has no expiry time on record.";
	}

	private static String noLink(ExportFile file) {
		return (file.deletedAt() != null) ? "No link: the file has been removed." : "No link was issued for it.";
	}

	private static String consoleLink(String consoleUrl, String taskId) {
		if (consoleUrl == null) {
			return null;
		}
		return consoleUrl + "/console/?task=" + URLEncoder.encode(text(taskId), StandardCharsets.UTF_8);
	}

	private static String textFooter() {
		return "\n--\nEarthChem export service. You receive this mail because you requested this export.\n";
	}

	private static String htmlStart(String subject) {
		return "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>" + esc(subject)
				+ "</title></head>\n<body style=\"margin:0;padding:16px;background:#ffffff\">\n<div style=\"" + FONT
				+ ";max-width:720px\">\n";
	}

	private static String htmlEnd() {
		return "<p style=\"" + MUTED + ";margin-top:24px;border-top:1px solid #ddd;padding-top:8px\">"
				+ "EarthChem export service. You receive this mail because you requested this export.</p>\n"
				+ "</div>\n</body></html>\n";
	}

	private static String htmlQuery(List<String> lines) {
		StringBuilder html = new StringBuilder();
		html.append("<h3 style=\"font-size:15px;margin:16px 0 4px\">Your search</h3>\n");
		html.append("<ul style=\"margin:0;padding-left:20px\">\n");
		lines.forEach((line) -> html.append("<li>").append(esc(line)).append("</li>\n"));
		html.append("</ul>\n");
		return html.toString();
	}

	/** A label and an already escaped value. */
	private static String htmlRow(String label, String escapedValue) {
		return "<tr><th style=\"" + CELL + ";font-weight:normal;color:#555\">" + esc(label) + "</th><td style=\""
				+ CELL + "\">" + escapedValue + "</td></tr>\n";
	}

	/** A link, only for http(s) URLs; anything else is shown as text and never becomes an href. */
	private static String anchor(String url, String label) {
		String lower = url.toLowerCase(Locale.ROOT);
		if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
			return esc(label) + ": " + esc(url);
		}
		return "<a href=\"" + esc(url) + "\" style=\"" + LINK + "\">" + esc(label) + "</a>";
	}

	private static String esc(String value) {
		// UTF-8 body: only the characters that mean something in HTML need references
		return HtmlUtils.htmlEscape(text(value), "UTF-8");
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

}
