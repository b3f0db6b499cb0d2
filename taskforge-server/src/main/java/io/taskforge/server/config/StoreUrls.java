package io.taskforge.server.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Store URLs as people should see them in logs: without passwords. */
public final class StoreUrls {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]+:)[^/@]*@");

    private StoreUrls() {}

    /** The URL with any password replaced by {@code ***}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String s = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(s).replaceAll("$1***@");
    }

    /** The database kind of a JDBC URL: {@code sqlite}, {@code postgresql}, ... */
    public static String kind(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return "unknown";
        }
        int end = url.indexOf(':', 5);
        return (end < 0 ? url.substring(5) : url.substring(5, end)).toLowerCase(Locale.ROOT);
    }
}
