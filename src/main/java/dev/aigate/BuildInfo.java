package dev.aigate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What the build recorded about itself (version.properties, filtered by Maven): the version, the
 * commit it was built from, and the project's home page for links in reports.
 */
public final class BuildInfo {
  /** Where the documentation links of reports point when the build names no home page. */
  static final String DEFAULT_HOME = "https://github.com/aigate/aigate";
  private static final Properties PROPERTIES = load();

  private BuildInfo() {}

  private static Properties load() {
    Properties p = new Properties();
    // build-commit.properties is written at prepare-package (tools.Generate): absent in tests.
    for (String name : new String[] {"/dev/aigate/version.properties", "/dev/aigate/build-commit.properties"}) {
      try (InputStream in = BuildInfo.class.getResourceAsStream(name)) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        // Build information is decoration: a report without it is still a report.
      }
    }
    return p;
  }

  /** The version, {@code 0.0.0} when the build did not record one (SARIF needs a semantic version). */
  public static String version() {
    return value("version", "0.0.0");
  }

  /** The commit the build was made from, or {@code unknown} (built outside a git checkout). */
  public static String commit() {
    return value("commit", "unknown");
  }

  /** The project's home page, an absolute URL without a trailing slash. */
  public static String home() {
    String home = value("home", DEFAULT_HOME);
    return home.endsWith("/") ? home.substring(0, home.length() - 1) : home;
  }

  /** A documentation page of this version, with an optional {@code #anchor}. */
  public static String docs(String page) {
    return home() + "/blob/main/docs/" + page;
  }

  private static String value(String key, String fallback) {
    String v = PROPERTIES.getProperty(key, "").strip();
    // An unfiltered resource (an IDE build) still has the ${…} placeholder.
    return v.isEmpty() || v.startsWith("${") ? fallback : v;
  }
}
