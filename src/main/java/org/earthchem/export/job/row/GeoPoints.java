package org.earthchem.export.job.row;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Writes a geo_point as {@code lat,lon} whatever form the document stores it in. */
final class GeoPoints {

	private static final String BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz";

	private GeoPoints() {
	}

	/** {@code "lat,lon"}, a WKT {@code POINT (lon lat)}, or a geohash. */
	static String fromText(String text) {
		String value = text.trim();
		int comma = value.indexOf(',');
		if (comma > 0) {
			return value.substring(0, comma).trim() + "," + value.substring(comma + 1).trim();
		}
		int open = value.indexOf('(');
		int close = value.lastIndexOf(')');
		if (value.regionMatches(true, 0, "POINT", 0, 5) && open > 0 && close > open) {
			String inner = value.substring(open + 1, close).trim();
			String[] parts = inner.split("\\s+");
			if (parts.length >= 2) {
				return parts[1] + "," + parts[0];
			}
		}
		if (!value.isEmpty() && value.chars().allMatch((c) -> BASE32.indexOf(Character.toLowerCase(c)) >= 0)) {
			return fromGeohash(value.toLowerCase());
		}
		return value;
	}

	/** {@code {"lat":..,"lon":..}} or GeoJSON {@code {"type":"Point","coordinates":[lon,lat]}}. */
	static String fromObject(JsonParser parser) {
		String lat = null;
		String lon = null;
		String coordinates = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("lat".equals(name) && isScalar(value)) {
				lat = parser.getString();
			}
			else if ("lon".equals(name) && isScalar(value)) {
				lon = parser.getString();
			}
			else if ("coordinates".equals(name) && value == JsonToken.START_ARRAY) {
				coordinates = fromLonLatArray(parser);
			}
			else {
				parser.skipChildren();
			}
		}
		if (lat != null && lon != null) {
			return lat + "," + lon;
		}
		if (coordinates != null) {
			return coordinates;
		}
		// OpenSearch rejects such a point at index time, so this only guards against a changed mapping
		return (lat != null) ? lat : (lon != null) ? lon : "";
	}

	/** {@code [lon, lat]}, the parser on the first number. */
	static String fromLonLatArray(JsonParser parser) {
		if (parser.currentToken() == JsonToken.START_ARRAY) {
			parser.nextToken();
		}
		String lon = parser.getString();
		parser.nextToken();
		String lat = parser.getString();
		// skip an elevation, if any
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			parser.skipChildren();
		}
		return lat + "," + lon;
	}

	private static boolean isScalar(JsonToken token) {
		return token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT
				|| token == JsonToken.VALUE_STRING;
	}

	private static String fromGeohash(String hash) {
		double minLat = -90;
		double maxLat = 90;
		double minLon = -180;
		double maxLon = 180;
		boolean even = true;
		for (int i = 0; i < hash.length(); i++) {
			int bits = BASE32.indexOf(hash.charAt(i));
			for (int mask = 16; mask > 0; mask >>= 1) {
				boolean on = (bits & mask) != 0;
				if (even) {
					double mid = (minLon + maxLon) / 2;
					if (on) {
						minLon = mid;
					}
					else {
						maxLon = mid;
					}
				}
				else {
					double mid = (minLat + maxLat) / 2;
					if (on) {
						minLat = mid;
					}
					else {
						maxLat = mid;
					}
				}
				even = !even;
			}
		}
		return round((minLat + maxLat) / 2) + "," + round((minLon + maxLon) / 2);
	}

	private static String round(double value) {
		return java.math.BigDecimal.valueOf(value).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

}
