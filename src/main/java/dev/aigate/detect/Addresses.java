package dev.aigate.detect;

import dev.aigate.policy.ReviewPolicy;
import java.text.Normalizer;
import java.util.Locale;

/**
 * E-mail addresses as the review rules compare them. Strict on purpose: a reviewer who is the
 * author under another spelling ({@code Jane@Example.com}, {@code jane+review@example.com},
 * full-width letters, a Cyrillic {@code а} for a Latin {@code a}) is still the author.
 */
final class Addresses {
  /**
   * Letters of other scripts that render like Latin ones, mapped to the Latin letter: the
   * confusables of Unicode TR39 that matter in addresses (Cyrillic and Greek look-alikes of
   * a-z). NFKC already folds full-width and compatibility forms.
   */
  private static final String CONFUSABLE_FROM = "аеорсухіјѕԁԛԝһӏκνορτυχαειΑΒΕΖΗΙΚΜΝΟΡΤΥΧаАВЕКМНОРСТХ";
  private static final String CONFUSABLE_TO = "aeopcyxijsdqwhlkvoptuxaeiabezhikmnoptyxaabekmhopctx";

  private Addresses() {}

  /** The address reduced to what identifies its owner: NFKC, lower case, look-alikes folded, +tag dropped. */
  static String canonical(String email, ReviewPolicy.PlusAddressing plus) {
    String s = Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int k = CONFUSABLE_FROM.indexOf(c);
      out.append(k >= 0 ? Character.toLowerCase(CONFUSABLE_TO.charAt(k)) : c);
    }
    String folded = out.toString();
    int at = folded.lastIndexOf('@');
    if (plus == ReviewPolicy.PlusAddressing.SAME_PERSON && at > 0) {
      int tag = folded.indexOf('+');
      if (tag >= 0 && tag < at) {
        folded = folded.substring(0, tag) + folded.substring(at);
      }
    }
    return folded;
  }

  /**
   * Text as detection reads it, lenient on purpose: NFKC (full-width forms), invisible format
   * characters dropped (zero-width spaces, joiners, the soft hyphen), look-alike letters of other
   * scripts folded to Latin, lower case. {@code Clаude} (a Cyrillic {@code а}) and {@code
   * noreply@anthropic.com\u200b} are still Claude's.
   */
  static String forDetection(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.getType(c) == Character.FORMAT) {
        continue;
      }
      if (c == '\u3002' || c == '\uff61') {
        // Ideographic full stops: IDNA reads them as dots in a domain.
        out.append('.');
        continue;
      }
      int k = CONFUSABLE_FROM.indexOf(c);
      out.append(k >= 0 ? CONFUSABLE_TO.charAt(k) : c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * An address as detection reads it: {@link #forDetection}, without quotes and comments ({@code
   * "noreply"@x} and {@code noreply(c)@x} are {@code noreply@x} to a mail system, RFC 5322) and
   * without the trailing dots of a fully qualified domain.
   */
  static String emailForDetection(String email) {
    String s = forDetection(email);
    StringBuilder out = new StringBuilder(s.length());
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (depth == 0 && c != '"') {
        out.append(c);
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '.') {
      end--;
    }
    return out.substring(0, end);
  }

  /** Whether {@link #emailForDetection} may change an address beyond case. */
  static boolean emailNeedsFolding(String email) {
    return needsFolding(email) || email.endsWith(".") || email.indexOf('"') >= 0 || email.indexOf('(') >= 0;
  }

  /** Whether text holds anything {@link #forDetection} would change beyond case (a fast path for ASCII). */
  static boolean needsFolding(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return true;
      }
    }
    return false;
  }

  /** Whether the address is plain ASCII once normalised (anything else could imitate another). */
  static boolean isAscii(String email) {
    String s = Normalizer.normalize(email, Normalizer.Form.NFKC);
    return s.chars().allMatch(c -> c < 0x80);
  }

  static boolean same(String a, String b, ReviewPolicy.PlusAddressing plus) {
    return !a.isEmpty() && !b.isEmpty() && canonical(a, plus).equals(canonical(b, plus));
  }
}
