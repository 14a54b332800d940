package dev.aigate.git;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person or bot as git records it: {@code Name <email>}; either part may be empty. */
public record Identity(String name, String email) {
  private static final Pattern NAME_EMAIL = Pattern.compile("^(.*?)\\s*<([^<>]*)>\\s*$");

  public Identity {
    name = name == null ? "" : name.strip();
    email = email == null ? "" : email.strip();
  }

  /** Parses {@code Name <email>}, {@code <email>} or a bare name. */
  public static Identity parse(String value) {
    Matcher m = NAME_EMAIL.matcher(value.strip());
    if (m.matches()) {
      return new Identity(m.group(1), m.group(2));
    }
    return new Identity(value, "");
  }

  public boolean hasEmail() {
    return !email.isEmpty();
  }

  public boolean sameEmail(Identity other) {
    return hasEmail() && other != null && email.toLowerCase(Locale.ROOT).equals(other.email.toLowerCase(Locale.ROOT));
  }

  // Written out: a record's generated equals and hashCode bootstrap through invokedynamic, a
  // cost the commit hooks pay on every run for a class used as a map key.
  @Override
  public boolean equals(Object o) {
    return o instanceof Identity i && name.equals(i.name) && email.equals(i.email);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + email.hashCode();
  }

  @Override
  public String toString() {
    return email.isEmpty() ? name : name.isEmpty() ? "<" + email + ">" : name + " <" + email + ">";
  }
}
