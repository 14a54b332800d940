package dev.aigate.git;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.RawParseUtils;

/** JGit commits to plain {@link Change} records. */
final class Commits {
  private Commits() {}

  /** A parsed commit (its body loaded) with its touched paths. */
  static Change toChange(RevCommit c, List<FileChange> files, TrailerSyntax syntax) throws RepositoryException {
    return header(c.name(), c.getRawBuffer(), syntax).withFiles(files);
  }

  /**
   * A commit's header straight from its raw object: what {@code RevCommit.parse(raw)} would
   * give, without hashing the object to learn an id the caller already knows.
   */
  static Change header(String id, byte[] raw, TrailerSyntax syntax) throws RepositoryException {
    Identities who = identityHeaders(id, raw);
    int start = RawParseUtils.commitMessage(raw, 0);
    String message = start < 0 ? "" : RawParseUtils.decode(RawParseUtils.guessEncoding(raw), raw, start, raw.length);
    return new Change(id, identity(who.author()), identity(who.committer()), message,
        new TrailerParser(syntax).parse(message, true), List.of(), who.author().getWhenAsInstant().getEpochSecond(),
        who.committer().getWhenAsInstant().getEpochSecond());
  }

  /** A commit's one author and one committer, each parsed once. */
  private record Identities(PersonIdent author, PersonIdent committer) {}

  /**
   * Whether the message of {@code raw} may hold any of {@code words} (ASCII, matched without
   * regard to ASCII case): false only when it certainly does not. A message in a declared
   * encoding, or a word beyond ASCII, is always "may": its bytes need not spell the word.
   */
  static boolean mayMention(byte[] raw, List<String> words) {
    int body = 0;
    while (body < raw.length && raw[body] != '\n') {
      if (startsWith(raw, body, "encoding ")) {
        return true;
      }
      body = RawParseUtils.nextLF(raw, body);
    }
    for (String w : words) {
      if (w.isEmpty() || !w.chars().allMatch(c -> c < 0x80)) {
        return true;
      }
      byte first = (byte) Character.toLowerCase(w.charAt(0));
      for (int i = body; i + w.length() <= raw.length; i++) {
        if ((raw[i] | 0x20) == (first | 0x20) && regionMatchesIgnoreCase(raw, i, w)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean regionMatchesIgnoreCase(byte[] raw, int at, String w) {
    for (int j = 0; j < w.length(); j++) {
      int a = raw[at + j];
      int b = w.charAt(j);
      if (a != b && !(Character.isLetter(b) && (a | 0x20) == (b | 0x20))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Refuses a commit whose identity headers git and JGit would read differently: with two
   * {@code author} lines git shows the last and JGit the first, so a crafted commit could name a
   * human to aigate and an AI to everyone else ({@code git fsck} calls it {@code multipleAuthors}).
   */
  private static Identities identityHeaders(String id, byte[] raw) throws RepositoryException {
    int authors = 0;
    int committers = 0;
    PersonIdent author = null;
    PersonIdent committer = null;
    int pos = 0;
    while (pos < raw.length && raw[pos] != '\n') {
      int end = RawParseUtils.nextLF(raw, pos);
      if (startsWith(raw, pos, "author ")) {
        authors++;
        author = RawParseUtils.parsePersonIdent(raw, pos + 7);
        if (author == null) {
          throw malformed(id, "its author header is not 'Name <email> time zone'");
        }
      } else if (startsWith(raw, pos, "committer ")) {
        if (authors == 0) {
          // JGit finds an author only straight after the parents, git anywhere: a committer
          // first would hide an author from one of them (git fsck: missingAuthor).
          throw malformed(id, "its committer header comes before its author header");
        }
        committers++;
        committer = RawParseUtils.parsePersonIdent(raw, pos + 10);
        if (committer == null) {
          throw malformed(id, "its committer header is not 'Name <email> time zone'");
        }
      } else if (startsWith(raw, pos, "encoding ")) {
        checkEncoding(id, new String(raw, pos + 9, end - pos - 9, StandardCharsets.ISO_8859_1).strip());
      }
      pos = end;
    }
    if (authors != 1 || committers != 1) {
      throw malformed(id, "it has " + authors + " author and " + committers + " committer header(s), not one of each"
          + " (git and aigate would disagree on who wrote it; receive.fsckObjects refuses such objects)");
    }
    return new Identities(author, committer);
  }

  /**
   * git shows a message in an encoding it names through iconv, which knows charsets Java does
   * not: under {@code encoding UTF-7}, {@code +AEMAbwAt...} is {@code Co-Authored-By: Claude} to
   * {@code git log} and base64 noise to a reader that falls back to UTF-8. A message aigate cannot
   * decode as git does cannot be judged.
   */
  private static void checkEncoding(String id, String name) throws RepositoryException {
    boolean known;
    try {
      known = Charset.isSupported(name);
    } catch (IllegalCharsetNameException e) {
      known = false;
    }
    if (!known) {
      throw malformed(id, "its message is in encoding '" + name + "', which aigate cannot decode"
          + " (git may show it decoded through iconv); recommit it in UTF-8");
    }
  }

  static boolean startsWith(byte[] raw, int pos, String prefix) {
    if (pos + prefix.length() > raw.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (raw[pos + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static RepositoryException malformed(String id, String why) {
    return new RepositoryException("commit " + id + " is malformed: " + why);
  }

  private static Identity identity(PersonIdent p) {
    return p == null ? new Identity("", "") : new Identity(p.getName(), p.getEmailAddress());
  }
}
