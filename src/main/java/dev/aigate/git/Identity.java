package dev.aigate.git;

import java.util.Locale;

/** A person or bot as git records it: {@code Name <email>}; either part may be empty. */
public record Identity(String name, String email) {

  public Identity {
    name = name == null ? "" : name.strip();
    email = email == null ? "" : email.strip();
  }

  /** Parses {@code Name <email>}, {@code <email>} or a bare name. */
  /**
   * {@code Name <email>}, else a name alone. Scanned by hand, in one pass: the regular expression
   * it replaces backtracked quadratically on a value of 20 000 spaces, and values are pushed text.
   */
  public static Identity parse(String value) {
    String v = value.strip();
    if (v.endsWith(">")) {
      int open = v.lastIndexOf('<', v.length() - 2);
      if (open >= 0 && v.indexOf('>', open) == v.length() - 1) {
        return new Identity(v.substring(0, open).strip(), v.substring(open + 1, v.length() - 1));
      }
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
