import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.blame.BlameGenerator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * bench/manifest-bench.sh's JGit comparison: JGit's BlameGenerator (renames followed, as git
 * blame does) over the paths on standard input, one JVM, serially. Run with the aigate jar on the
 * class path: java -cp target/aigate.jar bench/JGitBlame.java <git-dir> <commit> < paths
 */
public class JGitBlame {
  public static void main(String[] args) throws Exception {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(new File(args[0])).build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      ObjectId commit = repo.resolve(args[1]);
      long lines = 0;
      int failed = 0;
      for (String path; (path = in.readLine()) != null; ) {
        try (BlameGenerator g = new BlameGenerator(repo, path)) {
          g.setFollowFileRenames(true);
          g.push(null, commit);
          while (g.next()) {
            lines += g.getRegionLength();
          }
        } catch (Exception e) {
          failed++;
        }
      }
      System.out.println(lines + " lines blamed, " + failed + " failed");
    }
  }
}
