package dev.aigate.gate;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.aigate.cli.Aigate;
import dev.aigate.cli.Context;
import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aigate provenance} (issue 14) through the real entry point on a real repository with
 * human, Claude and Codex lines, a human move of Claude code, a rename, binary files and AI lines
 * a human later rewrote. Every JSONL line a test reads is checked against
 * schema/aigate-provenance.schema.json.
 */
class ProvenanceManifestTest {
  private static final String CODEX = "Co-authored-by: Codex <noreply@openai.com>";
  private static final String POLICY = """
      version: 1
      review: {reviewers: ["*@example.com"]}
      ai:
        provenance: {enabled: true}
      rules:
        - {id: no-rival-training-data, paths: ["data/**"], vendors: [openai], action: deny}
        - {id: core, paths: ["src/**"], action: require-review}
      default: allow
      """;
  /** What Claude wrote: enough distinct, non-trivial lines to be recognised when a human moves them. */
  private static final String CLAUDE_CODE = """
      def normalise_invoice_totals(invoices, currency_table):
          converted_amounts = []
          for invoice_record in invoices:
              exchange_rate = currency_table.lookup(invoice_record.currency_code)
              converted_amounts.append(invoice_record.net_amount * exchange_rate)
          rounded_total = round(sum(converted_amounts), 2)
          audit_trail.record_conversion(invoices, rounded_total)
          return rounded_total
      """;
  private static final String CODEX_CODE = """
      def tokenize_training_sample(sample_text, vocabulary):
          pieces = vocabulary.split_into_pieces(sample_text)
          return [vocabulary.piece_to_id(p) for p in pieces]
      """;
  private static final JsonSchema SCHEMA = schema();

  @TempDir Path tmp;
  TestRepo repo;
  String human;
  String claude;
  String codex;
  String move;
  String rewrite;

  private static JsonSchema schema() {
    try (InputStream in = Files.newInputStream(Path.of("schema/aigate-provenance.schema.json"))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void history() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".aigate.yml", POLICY).write("README.md", "project\n")
        .write("src/app.py", "import sys\n\ndef main(argv):\n    return run_application(argv)\n")
        .writeBytes("assets/human.bin", new byte[] {1, 0, 2, 0, 3});
    human = repo.commitAll("Application skeleton");

    repo.write("src/app.py", "import sys\n\ndef main(argv):\n    return run_application(argv)\n"
        + "\ndef run_application(argv):\n    settings = load_settings_from(argv[1:])\n")
        .write("scratch/invoices.py", CLAUDE_CODE)
        .write("lib/old_name.py", "def legacy_helper_from_claude(values):\n    return sorted(values, key=len)\n")
        .write("src/rewritten.py", "answer_from_claude = compute_the_answer()\n")
        .writeBytes("assets/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
    claude = repo.commitAll("Invoices prototype and settings\n\n" + Fixtures.CLAUDE);

    repo.write("data/codex.py", CODEX_CODE);
    codex = repo.commitAll("Tokenizer for the training set\n\n" + CODEX);

    // A human commit moves Claude's code into the product, re-indented inside a class, and
    // renames a Claude file without changing it.
    String indented = CLAUDE_CODE.lines().map(l -> "    " + l).reduce("class Billing:\n", (a, b) -> a + b + "\n");
    repo.write("src/billing.py", indented);
    repo.git("rm", "-q", "scratch/invoices.py");
    repo.git("mv", "lib/old_name.py", "lib/new_name.py");
    move = repo.commitAll("Billing: move the invoice code into the product");

    repo.write("src/rewritten.py", "answer = compute_answer_by_hand()\n");
    rewrite = repo.commitAll("Rewrite the answer by hand");
  }

  /** The manifest's lines, each valid against the schema; files by path. */
  private record Parsed(JsonNode header, Map<String, JsonNode> files, JsonNode summary) {}

  private static Parsed parse(String jsonl) {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    assertTrue(jsonl.endsWith("}\n"), "every line, the last too, ends in a newline");
    for (String line : jsonl.split("\n")) {
      assertTrue(line.startsWith("{"), "a line is one JSON object and nothing else: '" + line + "'");
      try {
        JsonNode node = mapper.readTree(line);
        Set<ValidationMessage> problems = SCHEMA.validate(node);
        assertTrue(problems.isEmpty(), "not a manifest line: " + problems + "\n" + line);
        lines.add(node);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + line, e);
      }
    }
    assertTrue(lines.size() >= 2, jsonl);
    assertTrue(lines.get(0).has("manifest"), "the header comes first: " + jsonl);
    assertTrue(lines.get(lines.size() - 1).has("summary"), "the summary comes last: " + jsonl);
    Map<String, JsonNode> files = new LinkedHashMap<>();
    for (JsonNode n : lines.subList(1, lines.size() - 1)) {
      files.put(n.get("path").asText(), n);
    }
    return new Parsed(lines.get(0).get("manifest"), files, lines.get(lines.size() - 1).get("summary"));
  }

  private Parsed manifest(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "provenance";
    System.arraycopy(args, 0, all, 1, args.length);
    Run run = aigate(repo, all);
    assertEquals(0, run.exitCode(), run.output());
    return parse(run.out());
  }

  private static Map<String, Integer> commitLines(JsonNode file) {
    Map<String, Integer> out = new LinkedHashMap<>();
    file.get("commits").forEach(c -> out.put(c.get("id").asText(), c.get("lines").asInt()));
    return out;
  }

  private static Set<String> lines(String out, String separator) {
    return new TreeSet<>(Arrays.asList(out.split(separator)));
  }

  @Test
  void everyLineIsAttributedToTheCommitThatIntroducedItAndThatCommitsVendor() {
    Parsed m = manifest();
    assertEquals(repo.git("rev-parse", "HEAD").strip(), m.header().get("commit").asText());
    assertEquals(repo.git("rev-parse", "HEAD^{tree}").strip(), m.header().get("tree").asText());
    assertTrue(m.header().get("moves").asBoolean());

    JsonNode app = m.files().get("src/app.py");
    assertEquals(7, app.get("lines").asInt());
    assertEquals(3, app.get("aiLines").asInt(), "the blank line and two lines Claude added: " + app);
    assertEquals(Map.of(human, 4, claude, 3), commitLines(app));
    assertEquals(3, app.at("/byVendor/anthropic").asInt());
    assertEquals(3, app.at("/byTool/claude-code").asInt());

    JsonNode codexFile = m.files().get("data/codex.py");
    assertEquals(3, codexFile.get("aiLines").asInt());
    assertEquals(3, codexFile.at("/byVendor/openai").asInt());
    assertEquals(Map.of(codex, 3), commitLines(codexFile));

    JsonNode readme = m.files().get("README.md");
    assertEquals(0, readme.get("aiLines").asInt());
    assertEquals(Map.of(human, 1), commitLines(readme));
    assertEquals(0, readme.get("commits").get(0).get("tools").size(), "a human commit has no tools");

    JsonNode summary = m.summary();
    assertEquals(m.files().size(), summary.get("files").asInt());
    assertEquals(2, summary.get("binaryFiles").asInt());
    assertEquals(0, summary.get("unreadableFiles").asInt());
    long lines = 0;
    long ai = 0;
    for (JsonNode f : m.files().values()) {
      lines += f.get("lines").asLong();
      ai += f.get("aiLines").asLong();
    }
    assertEquals(lines, summary.get("lines").asLong());
    assertEquals(ai, summary.get("aiLines").asLong());
    assertEquals(3 + 8 + 2, summary.at("/byVendor/anthropic/lines").asLong(), summary.toString());
    assertEquals(3, summary.at("/byVendor/openai/lines").asLong());
    assertEquals(3, summary.at("/byDirectory/data/aiLines").asInt());
    assertEquals(1.0, summary.at("/byDirectory/data/aiShare").asDouble());
    assertEquals(m.files().size(), summary.get("blamed").asInt());
    assertEquals(0, summary.get("reused").asInt());
  }

  @Test
  void linesAHumanCommitMovedFromClaudeCodeAreClaudes() {
    JsonNode billing = manifest().files().get("src/billing.py");
    assertEquals(9, billing.get("lines").asInt());
    assertEquals(8, billing.get("aiLines").asInt(), billing.toString());
    assertEquals(Map.of(claude, 8, move, 1), commitLines(billing), "the class line is the mover's own");
    JsonNode fromClaude = billing.get("commits").get(0);
    assertEquals(claude, fromClaude.get("id").asText());
    assertEquals(8, fromClaude.get("moved").asInt(), "found through the AI line index, not blame");
    assertEquals("[\"anthropic\"]", fromClaude.get("vendors").toString());
  }

  @Test
  void withoutMovesTheMoverOwnsTheLinesAndTheHeaderSaysSo() {
    Parsed m = manifest("--no-moves");
    assertFalse(m.header().get("moves").asBoolean());
    JsonNode billing = m.files().get("src/billing.py");
    assertEquals(0, billing.get("aiLines").asInt());
    assertEquals(Map.of(move, 9), commitLines(billing));
  }

  @Test
  void renamesAreFollowedToTheCommitThatWroteTheLines() {
    JsonNode renamed = manifest().files().get("lib/new_name.py");
    assertEquals(Map.of(claude, 2), commitLines(renamed), renamed.toString());
    assertEquals(2, renamed.at("/byVendor/anthropic").asInt());
  }

  @Test
  void aFileWhoseAiLinesAHumanRewroteIsHumanAgain() {
    JsonNode rewritten = manifest().files().get("src/rewritten.py");
    assertEquals(0, rewritten.get("aiLines").asInt(), rewritten.toString());
    assertEquals(Map.of(rewrite, 1), commitLines(rewritten));
  }

  @Test
  void binaryFilesAreAttributedAsAWholeToTheirLastChange() {
    Parsed m = manifest();
    JsonNode logo = m.files().get("assets/logo.png");
    assertTrue(logo.get("binary").asBoolean());
    assertEquals(List.of(claude), List.copyOf(commitLines(logo).keySet()));
    assertEquals("[\"claude-code\"]", logo.get("commits").get(0).get("tools").toString());
    JsonNode mine = m.files().get("assets/human.bin");
    assertTrue(mine.get("binary").asBoolean());
    assertEquals(List.of(human), List.copyOf(commitLines(mine).keySet()));
    assertEquals(0, mine.get("commits").get(0).get("tools").size());
  }

  @Test
  void aBinaryFileAnAiWroteStaysItsAfterAHumanRenamesOrTouchesIt() {
    // A NUL makes a source file binary to git: its lines are not blamed, so its last change
    // alone used to decide, and a rename or a one-byte human edit made Codex's file human.
    byte[] codexFile = (CODEX_CODE + "MAGIC = '\0'\n").getBytes(StandardCharsets.UTF_8);
    repo.writeBytes("data/packed.py", codexFile);
    String written = repo.commitAll("Packed tokenizer\n\n" + CODEX);
    repo.git("mv", "data/packed.py", "data/renamed.py");
    repo.commitAll("Rename the packed tokenizer");
    byte[] touched = codexFile.clone();
    touched[0] = 'D';
    repo.writeBytes("data/touched.py", codexFile);
    repo.commitAll("Another packed tokenizer\n\n" + CODEX);
    repo.writeBytes("data/touched.py", touched);
    String edit = repo.commitAll("Capitalise");
    Run list = aigate(repo, "provenance", "--vendors", "openai", "--list");
    assertEquals(0, list.exitCode(), list.output());
    assertEquals(Set.of("data/codex.py", "data/renamed.py", "data/touched.py"), lines(list.out(), "\n"));
    JsonNode renamed = manifest().files().get("data/renamed.py");
    assertTrue(renamed.get("binary").asBoolean(), renamed.toString());
    assertTrue(commitLines(renamed).containsKey(written), renamed.toString());
    JsonNode edited = manifest().files().get("data/touched.py");
    assertEquals(edit, edited.get("commits").get(0).get("id").asText(), "the last change comes first: " + edited);
  }

  @Test
  void aSymlinkIsListedWithTheLinesOfTheFileItNamesAlsoWhenThatFileIsOutsideThePathspec() {
    repo.write("scratch/tokenizer.py", CODEX_CODE);
    repo.commitAll("Scratch tokenizer\n\n" + CODEX);
    repo.git("-c", "core.symlinks=true", "update-index", "--add", "--cacheinfo",
        "120000," + repo.execWithInput(List.of("git", "hash-object", "-w", "--stdin"), "../scratch/tokenizer.py").strip()
            + ",data/linked.py");
    repo.git("commit", "-q", "--no-verify", "-m", "Link the tokenizer into the data set");
    // A pipeline that takes data/ reads Codex's lines through the link.
    Run list = aigate(repo, "provenance", "--vendors", "openai", "--list", "--", "data");
    assertEquals(0, list.exitCode(), list.output());
    assertEquals(Set.of("data/codex.py", "data/linked.py"), lines(list.out(), "\n"));
    JsonNode linked = manifest("--", "data").files().get("data/linked.py");
    assertEquals(3, linked.get("lines").asInt(), linked.toString());
    assertEquals(3, linked.get("byVendor").get("openai").asInt(), linked.toString());
  }

  @Test
  void aBinaryFileWhoseNameIsAPathspecGlobIsAttributedToItsOwnLastChange() {
    // git rev-list reads a path after "--" as a pathspec: "assets/x*.bin" also matches a file a
    // later human commit changed, which would make the AI's binary file human.
    repo.writeBytes("assets/x*.bin", new byte[] {7, 0, 7, 0});
    String ai = repo.commitAll("Generated fixture\n\n" + Fixtures.CLAUDE);
    repo.writeBytes("assets/xy.bin", new byte[] {8, 0, 8, 0});
    repo.commitAll("Hand-made fixture");
    JsonNode glob = manifest("--", "assets").files().get("assets/x*.bin");
    assertTrue(glob.get("binary").asBoolean(), glob.toString());
    assertEquals(List.of(ai), List.copyOf(commitLines(glob).keySet()), glob.toString());
  }

  @Test
  void vendorsAnthropicListNamesExactlyTheFilesWithClaudeLines() {
    Run list = aigate(repo, "provenance", "--vendors", "anthropic", "--list");
    assertEquals(0, list.exitCode(), list.output());
    Set<String> expected = Set.of("assets/logo.png", "lib/new_name.py", "src/app.py", "src/billing.py");
    assertEquals(expected, lines(list.out(), "\n"));

    Run nul = aigate(repo, "provenance", "--vendors", "anthropic", "--list", "-z");
    assertEquals(0, nul.exitCode(), nul.output());
    assertTrue(nul.out().endsWith("\0"), "NUL-terminated");
    assertEquals(expected, lines(nul.out(), "\0"));
    assertFalse(nul.out().contains("\n"));
  }

  @Test
  void selectionForPipelines() {
    assertEquals(Set.of("assets/logo.png", "data/codex.py", "lib/new_name.py", "src/app.py", "src/billing.py"),
        manifest("--ai-only").files().keySet());
    assertEquals(Set.of("data/codex.py"), manifest("--vendors", "openai").files().keySet());
    // app.py is 3 of 7 Claude lines; billing.py 8 of 9.
    assertEquals(Set.of("assets/logo.png", "lib/new_name.py", "src/billing.py"),
        manifest("--vendors", "anthropic", "--max-share", "0.5").files().keySet());
    assertEquals(Set.of("assets/logo.png", "data/codex.py", "lib/new_name.py", "src/billing.py"),
        manifest("--max-share", "0.5").files().keySet(), "without --vendors: the share of AI lines");
    Parsed pathspec = manifest("--vendors", "anthropic", "--", "src");
    assertEquals(Set.of("src/app.py", "src/billing.py"), pathspec.files().keySet());
    assertEquals("[\"src\"]", pathspec.header().get("pathspec").toString());
    assertFalse(pathspec.header().get("selection").asText().isEmpty(), "a filtered manifest says so");
  }

  @Test
  void policyDenyRulesWithVendorsAreTheSelection() {
    Parsed denied = manifest("--policy-deny");
    assertEquals(Set.of("data/codex.py"), denied.files().keySet(), "the deny rule's vendors in its paths");
    assertTrue(denied.header().get("selection").asText().contains("no-rival-training-data"),
        denied.header().toString());
  }

  @Test
  void anOlderRevisionDescribesItsOwnTree() {
    Parsed m = manifest(codex);
    assertEquals(codex, m.header().get("commit").asText());
    assertTrue(m.files().containsKey("scratch/invoices.py"));
    assertFalse(m.files().containsKey("src/billing.py"));
    assertEquals(Map.of(claude, 8), commitLines(m.files().get("scratch/invoices.py")));
  }

  @Test
  void pathsThatAreNotAsciiOrNotUtf8AreBlamedAndListedByTheirExactBytes() throws IOException {
    // Java cannot name a file that is not UTF-8; the shell can.
    repo.exec(List.of("sh", "-c", "mkdir -p legacy; printf 'a = 1\\nb = 2\\n' > \"$(printf 'legacy/caf\\351.py')\"; "
        + "printf 'c = 3\\n' > 'legacy/naïve \"quoted\".py'"), Map.of(), repo.dir());
    repo.commitAll("legacy files");
    Parsed m = manifest("--", "legacy");
    JsonNode latin1 = m.files().get("legacy/caf\uFFFD.py");
    assertEquals(2, latin1.get("lines").asInt(), "blamed, not unreadable: " + latin1);
    assertEquals(1, m.files().get("legacy/naïve \"quoted\".py").get("lines").asInt());
    assertEquals(0, m.summary().get("unreadableFiles").asInt());

    Path out = tmp.resolve("list");
    Run nul = aigate(repo, "provenance", "--list", "-z", "-o", out.toString(), "--", "legacy");
    assertEquals(0, nul.exitCode(), nul.output());
    byte[] expected = concat("legacy/caf".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xe9},
        ".py\0legacy/naïve \"quoted\".py\0".getBytes(StandardCharsets.UTF_8));
    assertEquals(Arrays.toString(expected), Arrays.toString(Files.readAllBytes(out)), "git's bytes, for xargs -0");
    Run quoted = aigate(repo, "provenance", "--list", "-o", out.toString(), "--", "legacy");
    assertEquals(0, quoted.exitCode(), quoted.output());
    byte[] lines = concat("legacy/caf".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xe9},
        ".py\n\"legacy/naïve \\\"quoted\\\".py\"\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(Arrays.toString(lines), Arrays.toString(Files.readAllBytes(out)), "quoted as git quotes");
  }

  @Test
  void aPathspecTheJvmCouldNotDecodeIsAUsageErrorNotAnEmptyManifest() {
    // Without LANG the JVM hands over "café" as "caf" and two U+FFFD: it names no file.
    repo.write("café/a.py", "x = 1\n");
    repo.commitAll("café");
    Run run = aigate(repo, "provenance", "--list", "--", "caf\uFFFD\uFFFD");
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.err().contains("LANG=C.UTF-8"), run.err());
    assertEquals(List.of("café/a.py"), List.of(aigate(repo, "provenance", "--list", "--", "café").out().split("\n")));
  }

  @Test
  void aTopLevelDirectoryThatIsNotUtf8IsSummedUnderItsTextAsItsFilesAreShown() {
    repo.exec(List.of("sh", "-c", "for n in 'caf\\351' 'caf\\350'; do d=\"$(printf \"$n\")\"; mkdir \"$d\";"
        + " printf 'x = 1\\n' > \"$d/a.py\"; done"), Map.of(), repo.dir());
    repo.commitAll("Latin-1 directories");
    Parsed m = manifest();
    JsonNode dir = m.summary().get("byDirectory").get("caf\uFFFD");
    assertTrue(dir != null, "the directory as its files show it: " + m.summary());
    assertEquals(2, dir.get("files").asInt(), dir.toString());
    Run md = aigate(repo, "provenance", "--format", "markdown");
    assertEquals(0, md.exitCode(), md.output());
    assertTrue(md.out().contains("| `caf\uFFFD` | 2 |"), md.out());
  }

  @Test
  void listQuotesControlCharactersAsGitDoes() throws IOException {
    repo.exec(List.of("sh", "-c", "mkdir -p odd; for n in 'cr\\r' 'bell\\a' 'bs\\b' 'vt\\v' 'ff\\f' 'soh\\001'"
        + " 'tab\\t' 'nl\\n.' 'quote\"' 'back\\\\\\\\' 'del\\177' 'caf\\303\\251'; do printf x > \"odd/$(printf \"$n\")\";"
        + " done"), Map.of(), repo.dir());
    repo.commitAll("odd names");
    TestRepo.Result git = repo.exec(List.of("git", "-c", "core.quotePath=false", "ls-files", "--", "odd"), Map.of(),
        repo.dir());
    assertEquals(0, git.exitCode(), git.output());
    assertEquals(12, git.stdout().split("\n").length, git.stdout());
    Path out = tmp.resolve("list");
    Run list = aigate(repo, "provenance", "--list", "-o", out.toString(), "--", "odd");
    assertEquals(0, list.exitCode(), list.output());
    assertEquals(git.stdout(), Files.readString(out, StandardCharsets.UTF_8));
  }

  @Test
  void aManifestWithPathsThatAreNotUtf8IsABaseAndThosePathsAreBlamedAgain() throws IOException {
    // The JSONL shows a byte that is not UTF-8 as U+FFFD: two Latin-1 names can read the same
    // there, and U+FFFD sorts after bytes git put before a UTF-8 name ("\304" before "ч").
    repo.exec(List.of("sh", "-c", "mkdir -p legacy; for n in 'caf\\351' 'caf\\350' '\\304'; do"
        + " printf 'value = 1\\n' > \"legacy/$(printf \"$n\").py\"; done; printf 'v = 2\\n' > legacy/ч.py"),
        Map.of(), repo.dir());
    repo.commitAll("legacy files");
    Path previous = tmp.resolve("previous.jsonl");
    Run first = aigate(repo, "provenance", "--output", previous.toString());
    assertEquals(0, first.exitCode(), first.output());
    repo.write("src/app.py", "print('changed')\n");
    repo.commitAll("Change the app");

    Parsed full = manifest();
    Parsed incremental = manifest("--since-manifest", previous.toString());
    assertEquals(withoutRunFields(full), withoutRunFields(incremental));
    assertEquals(4, incremental.summary().get("blamed").asInt(),
        "the changed file and the three whose name the base cannot hold exactly");
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  @Test
  void badInputIsAUsageErrorThatSaysWhatIsWrong() {
    Run vendor = aigate(repo, "provenance", "--vendors", "anthropc");
    assertEquals(2, vendor.exitCode(), vendor.output());
    assertTrue(vendor.err().contains("anthropc") && vendor.err().contains("anthropic"),
        "names the unknown vendor and the known ones: " + vendor.err());
    Run share = aigate(repo, "provenance", "--max-share", "2");
    assertEquals(2, share.exitCode(), share.output());
    Run format = aigate(repo, "provenance", "--format", "sarif");
    assertEquals(2, format.exitCode(), format.output());
    assertTrue(format.err().contains("jsonl"), format.err());
    Run z = aigate(repo, "provenance", "-z");
    assertEquals(2, z.exitCode(), z.output());
    Run rev = aigate(repo, "provenance", "no-such-revision");
    assertEquals(2, rev.exitCode(), rev.output());
    Run both = aigate(repo, "provenance", "--vendors", "openai", "--policy-deny");
    assertEquals(2, both.exitCode(), both.output());
    assertTrue(vendor.out().isEmpty() && share.out().isEmpty(), "nothing half-written on stdout");
  }

  @Test
  void anIncrementalManifestIsTheFullOneAndBlamesOnlyWhatChanged() throws IOException {
    Path previous = tmp.resolve("previous.jsonl");
    Run first = aigate(repo, "provenance", "--output", previous.toString());
    assertEquals(0, first.exitCode(), first.output());
    repo.write("src/app.py", "import sys\n\ndef main(argv):\n    return run_application(argv)\n"
        + "\ndef run_application(argv):\n    settings = load_settings_from(argv[1:])\n    return settings\n");
    repo.commitAll("Return the settings\n\n" + CODEX);

    Parsed full = manifest();
    Parsed incremental = manifest("--since-manifest", previous.toString());
    assertEquals(withoutRunFields(full), withoutRunFields(incremental));
    assertEquals(1, incremental.summary().get("blamed").asInt(), "only the changed file is blamed again");
    assertEquals(full.files().size() - 1, incremental.summary().get("reused").asInt());
    assertEquals(parse(Files.readString(previous)).header().get("commit").asText(),
        incremental.header().get("since").asText());
    assertEquals(1, incremental.files().get("src/app.py").at("/byVendor/openai").asInt());
  }

  /** A manifest without what depends on how it was made (the base it reused, what it blamed). */
  private static String withoutRunFields(Parsed m) {
    ObjectNode header = m.header().deepCopy();
    header.remove("since");
    ObjectNode summary = m.summary().deepCopy();
    summary.remove("blamed");
    summary.remove("reused");
    return header + "\n" + m.files().values() + "\n" + summary;
  }

  @Test
  void aBaseThatCannotBeTrustedIsRefusedWithTheReason() throws IOException {
    Path previous = tmp.resolve("previous.jsonl");
    assertEquals(0, aigate(repo, "provenance", "--output", previous.toString()).exitCode());
    List<String> lines = Files.readAllLines(previous, StandardCharsets.UTF_8);

    Path cut = tmp.resolve("cut.jsonl");
    Files.write(cut, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
    Run truncated = aigate(repo, "provenance", "--since-manifest", cut.toString());
    assertEquals(2, truncated.exitCode(), truncated.output());
    assertTrue(truncated.err().contains("--since-manifest"), truncated.err());
    assertTrue(truncated.out().isEmpty(), "no manifest from a base it cannot trust: " + truncated.out());

    Path garbled = tmp.resolve("garbled.jsonl");
    List<String> bad = new ArrayList<>(lines);
    bad.set(2, bad.get(2).substring(0, bad.get(2).length() / 2));
    Files.write(garbled, bad, StandardCharsets.UTF_8);
    Run malformed = aigate(repo, "provenance", "--since-manifest", garbled.toString());
    assertEquals(2, malformed.exitCode(), malformed.output());
    assertTrue(malformed.err().contains("line 3"), "names the line: " + malformed.err());

    Path filtered = tmp.resolve("filtered.jsonl");
    assertEquals(0, aigate(repo, "provenance", "--ai-only", "--output", filtered.toString()).exitCode());
    Run partial = aigate(repo, "provenance", "--since-manifest", filtered.toString());
    assertEquals(2, partial.exitCode(), "a filtered manifest does not list every file: " + partial.output());

    Path otherSpec = tmp.resolve("src-only.jsonl");
    assertEquals(0, aigate(repo, "provenance", "--output", otherSpec.toString(), "--", "src").exitCode());
    Run spec = aigate(repo, "provenance", "--since-manifest", otherSpec.toString());
    assertEquals(2, spec.exitCode(), "another pathspec: " + spec.output());

    Run notHere = aigate(repo, "provenance", "--since-manifest", tmp.resolve("missing.jsonl").toString());
    assertEquals(2, notHere.exitCode(), notHere.output());
  }

  @Test
  void jsonTextAndMarkdownDescribeTheSameManifest() throws IOException {
    Run json = aigate(repo, "provenance", "--format", "json");
    assertEquals(0, json.exitCode(), json.output());
    JsonNode doc = new ObjectMapper().readTree(json.out());
    ObjectMapper mapper = new ObjectMapper();
    assertTrue(SCHEMA.validate(mapper.createObjectNode().set("manifest", doc.get("manifest"))).isEmpty());
    assertTrue(SCHEMA.validate(mapper.createObjectNode().set("summary", doc.get("summary"))).isEmpty());
    assertEquals(manifest().files().size(), doc.get("files").size());
    doc.get("files").forEach(f -> assertTrue(SCHEMA.validate(f).isEmpty(), f.toString()));

    Run text = aigate(repo, "provenance", "--format", "text");
    assertEquals(0, text.exitCode(), text.output());
    assertTrue(text.out().contains("src/billing.py  (anthropic 8)"), text.out());
    assertTrue(text.out().contains("binary, last changed by " + claude.substring(0, 12)), text.out());

    Run markdown = aigate(repo, "provenance", "--format", "markdown");
    assertEquals(0, markdown.exitCode(), markdown.output());
    assertTrue(markdown.out().contains("| anthropic | 13 |"), markdown.out());
    assertTrue(markdown.out().contains("| openai | 3 |"), markdown.out());
    assertTrue(markdown.out().contains("| `src/billing.py` | 9 | 8 | anthropic |"), markdown.out());
  }

  @Test
  void aGitAiNoteMarksAHumanCommitsLinesAsAi() {
    repo.write("src/noted.py", "def summarise_quarterly_report(rows):\n    return aggregate_rows_by_quarter(rows)\n");
    String noted = repo.commitAll("Quarterly summary");
    repo.git("notes", "--ref=ai", "add", "-m", """
        src/noted.py
          s_0123456789abcd::t_0123456789abcd 1-2
        ---
        {"schema_version": "authorship/3.0.0", "prompts": {},
         "sessions": {"s_0123456789abcd": {"agent_id": {"tool": "claude", "id": "x", "model": "claude-opus-4-6"}}}}
        """, noted);
    JsonNode file = manifest().files().get("src/noted.py");
    assertEquals(2, file.get("aiLines").asInt(), file.toString());
    assertTrue(file.get("commits").get(0).get("signals").toString().contains("note"), file.toString());
  }

  @Test
  void aiOfUnknownVendorIsSelectedByEveryVendorFilterUnlessExempted() {
    repo.write("data/mystery.py", "def mystery_agent_output(values):\n    return reshuffle_all_values(values)\n");
    repo.commitAll("Mystery helper\n\n🤖 Generated with [Zorblax](https://zorblax.example/agent)");
    Parsed all = manifest();
    JsonNode mystery = all.files().get("data/mystery.py");
    assertEquals(2, mystery.get("aiLines").asInt(), mystery.toString());
    assertEquals(2, mystery.get("unknownAiLines").asInt(), mystery.toString());
    assertEquals(2, all.summary().at("/byDirectory/data/byVendor/unknown").asInt(), all.summary().toString());
    assertEquals(Set.of("data/codex.py", "data/mystery.py"), manifest("--vendors", "openai").files().keySet(),
        "unknown vendor may be any vendor");
    assertEquals(Set.of("data/codex.py"),
        manifest("--vendors", "openai", "--unknown-vendor", "exempt").files().keySet());
    assertEquals(Set.of("data/codex.py", "data/mystery.py"), manifest("--policy-deny").files().keySet(),
        "the deny rule's unknown-vendor: match");
    Run bogus = aigate(repo, "provenance", "--unknown-vendor", "ignore");
    assertEquals(2, bogus.exitCode(), bogus.output());
  }

  @Test
  void theModelBehindAToolIsAVendorOfItsOwnForTheGateAndTheManifest() {
    repo.write("data/aider_gpt.py", "def rank_training_candidates(pool):\n    return sorted(pool, key=score_of_candidate)\n");
    repo.commitAll("Rank candidates\n\nCo-authored-by: aider (openai/gpt-5.2) <aider@aider.chat>");
    JsonNode file = manifest().files().get("data/aider_gpt.py");
    assertEquals(2, file.at("/byVendor/openai").asInt(), file.toString());
    assertEquals(2, file.at("/byVendor/aider").asInt(), file.toString());
    assertTrue(manifest("--vendors", "openai").files().containsKey("data/aider_gpt.py"));
    Run audit = aigate(repo, "audit", "HEAD~1..HEAD");
    assertEquals(1, audit.exitCode(), "the deny rule for openai holds for OpenAI's model through aider: " + audit.output());
    assertTrue(audit.output().contains("no-rival-training-data"), audit.output());
    assertTrue(audit.output().contains("(aider, unknown (openai))"), "names the model's vendor: " + audit.output());
  }

  @Test
  void aMergeThatKeptTheOtherSidesVersionIsBlamedAgainNotTakenFromABaseOnTheMergedBranch() {
    // The base describes a feature branch where a human rewrote Claude's billing code (same line
    // count); the merge keeps main's version (-s ours). No first-parent commit since the fork
    // touched billing.py, but its content at the merge is not the base's.
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("src/billing.py", "class Billing:\n" + "    pass  # rewritten by hand\n".repeat(8));
    String feature = repo.commitAll("Billing: rewrite by hand");
    Path base = tmp.resolve("feature.jsonl");
    Run first = aigate(repo, "provenance", feature, "--output", base.toString());
    assertEquals(0, first.exitCode(), first.output());
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "-s", "ours", "--no-ff", "-m", "Merge feature, keep ours", "feature");

    Parsed full = manifest();
    assertEquals(8, full.files().get("src/billing.py").get("aiLines").asInt());
    Parsed incremental = manifest("--since-manifest", base.toString());
    assertEquals(withoutRunFields(full), withoutRunFields(incremental));
  }

  @Test
  void aBaseEntryThatDoesNotMatchTheFileAtTheNewRevisionIsRefused() throws IOException {
    Path previous = tmp.resolve("previous.jsonl");
    assertEquals(0, aigate(repo, "provenance", "--output", previous.toString()).exitCode());
    repo.write("NOTES.md", "unrelated\n");
    repo.commitAll("Notes");
    List<String> lines = Files.readAllLines(previous, StandardCharsets.UTF_8);
    ObjectMapper mapper = new ObjectMapper();

    // Claude's 8 moved lines of billing.py, edited away: one human line, consistent with itself.
    Map<String, String> tampered = new LinkedHashMap<>();
    tampered.put("src/billing.py", "{\"path\":\"src/billing.py\",\"lines\":1,\"commits\":[{\"id\":\"" + move
        + "\",\"lines\":1,\"moved\":0}]}");
    tampered.put("src/app.py", "{\"path\":\"src/app.py\",\"binary\":true,\"lines\":0,\"commits\":[{\"id\":\""
        + human + "\",\"lines\":0,\"moved\":0}]}");
    tampered.put("assets/logo.png", "{\"path\":\"assets/logo.png\",\"lines\":0,\"commits\":[]}");
    for (Map.Entry<String, String> t : tampered.entrySet()) {
      List<String> edited = new ArrayList<>();
      for (String line : lines) {
        JsonNode n = mapper.readTree(line);
        edited.add(n.has("path") && n.get("path").asText().equals(t.getKey()) ? t.getValue() : line);
      }
      assertFalse(edited.equals(lines), t.getKey());
      Path bad = tmp.resolve("tampered.jsonl");
      Files.write(bad, edited, StandardCharsets.UTF_8);
      Run run = aigate(repo, "provenance", "--since-manifest", bad.toString());
      assertEquals(2, run.exitCode(), t.getKey() + ": " + run.output());
      assertTrue(run.err().contains(t.getKey()), "names the file: " + run.err());
      assertTrue(run.out().isEmpty(), "nothing written from a base it cannot trust: " + run.out());
    }
  }

  @Test
  void theDailyRunCanWriteOverItsOwnBase() throws IOException {
    Path manifest = tmp.resolve("manifest.jsonl");
    assertEquals(0, aigate(repo, "provenance", "-o", manifest.toString()).exitCode());
    repo.write("NOTES.md", "unrelated\n");
    repo.commitAll("Notes");
    Run daily = aigate(repo, "provenance", "--since-manifest", manifest.toString(), "-o", manifest.toString());
    assertEquals(0, daily.exitCode(), daily.output());
    Parsed m = parse(Files.readString(manifest));
    assertEquals(1, m.summary().get("blamed").asInt(), m.summary().toString());
    assertEquals(withoutRunFields(manifest()), withoutRunFields(m));
  }

  @Test
  void aManifestThatCannotBeWrittenWholeLeavesNoFileThatLooksComplete() throws IOException {
    Path previous = tmp.resolve("previous.jsonl");
    assertEquals(0, aigate(repo, "provenance", "-o", previous.toString()).exitCode());
    String before = Files.readString(previous);
    Path cut = tmp.resolve("cut.jsonl");
    Files.writeString(cut, before.substring(0, before.lastIndexOf("{\"summary\"")));
    // A refused base leaves the output as it was, not emptied or half-written.
    Run refused = aigate(repo, "provenance", "--since-manifest", cut.toString(), "-o", previous.toString());
    assertEquals(2, refused.exitCode(), refused.output());
    assertEquals(before, Files.readString(previous));

    Path nowhere = tmp.resolve("no-such-dir").resolve("m.jsonl");
    Run missing = aigate(repo, "provenance", "-o", nowhere.toString());
    assertEquals(2, missing.exitCode(), missing.output());
    assertTrue(missing.err().contains(nowhere.getParent().toString()), missing.err());
    assertFalse(Files.exists(nowhere.getParent()));
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.filter(f -> f.getFileName().toString().contains("partial")).toList());
    }
  }

  @Test
  void standardOutputClosedEarlyIsAFailureNotAPass() {
    // What `aigate provenance | head -1` gives the JVM: a PrintStream whose writes fail.
    OutputStream closed = new OutputStream() {
      private int written;

      @Override
      public void write(int b) throws IOException {
        if (++written > 100) {
          throw new IOException("Broken pipe");
        }
      }
    };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Aigate.run(new String[] {"provenance"}, new Context(repo.env(),
        repo.dir(), InputStream.nullInputStream(), new PrintStream(closed, true),
        new PrintStream(err, true, StandardCharsets.UTF_8), System.nanoTime()));
    assertEquals(3, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("standard output"), err.toString(StandardCharsets.UTF_8));
  }
}
