using Flash.Platform;

namespace Flash.Tests.Platform;

/// <summary>The endpoint-name rule and the image-reference grammar that the analyzers and <c>flash</c> share.</summary>
public sealed class NameRuleTests
{
    [TestCase("image-resize")]
    [TestCase("Resize")]
    [TestCase("v1.2_resize-fast")]
    [TestCase("9lives")]
    [TestCase("a")]
    [TestCase("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk")]
    public void Valid_endpoint_names_have_no_problem(string name) => Assert.That(EndpointNames.Problem(name), Is.Null);

    [TestCase("", "it is empty")]
    [TestCase("my endpoint", "it contains a space at position 3")]
    [TestCase("../../evil \"name\"", "it starts with '.'")]
    [TestCase("-resize", "it starts with '-'")]
    [TestCase("_resize", "it starts with '_'")]
    [TestCase("a/b", "it contains '/' at position 2")]
    [TestCase("a\\b", "it contains '\\' at position 2")]
    [TestCase("say\"hi\"", "it contains '\"' at position 4")]
    [TestCase("tab\there", "it contains the control or space character U+0009 at position 4")]
    [TestCase("größe", "it contains the non-ASCII character U+00F6 at position 3")]
    [TestCase("smile\U0001F600", "it contains the non-ASCII character U+1F600 at position 6")]
    [TestCase("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl", "it is 64 characters long")]
    public void Invalid_endpoint_names_say_what_is_wrong(string name, string problem) =>
        Assert.That(EndpointNames.Problem(name), Is.EqualTo(problem));

    [Test]
    public void Names_that_differ_only_in_case_are_the_same_name()
    {
        Assert.That(EndpointNames.Comparer.Equals("Resize", "resize"), Is.True);
        Assert.That(EndpointNames.Comparer.Equals("resize", "resize-2"), Is.False);
    }

    [TestCase("ubuntu")]
    [TestCase("ubuntu:24.04")]
    [TestCase("you/app")]
    [TestCase("ghcr.io/you/app:1.0")]
    [TestCase("registry.example.com/quickstart:1.0")]
    [TestCase("localhost/app")]
    [TestCase("localhost:5000/team/app_x/worker--2:v1.2.3")]
    [TestCase("my-registry:5000/a.b/c__d:_tag")]
    [TestCase("[::1]:5000/app:latest")]
    [TestCase("registry.example.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [TestCase("app:1.0@sha256:0123456789abcdef0123456789abcdef")]
    [TestCase("UPPER.example.com/app")]
    public void Valid_image_references_have_no_problem(string reference) => Assert.That(ImageReferences.Problem(reference), Is.Null);

    [TestCase("", "it is empty")]
    [TestCase("bad image name with spaces", "it contains a space at position 4")]
    [TestCase("app\n", "it contains the control or space character U+000A at position 4")]
    [TestCase("ghcr.io/you/äpp", "it contains the non-ASCII character U+00E4 at position 13")]
    [TestCase("ghcr.io/You/app", "the repository path has upper-case letters in 'You'; repositories are lower case")]
    [TestCase("MyApp", "the repository path has upper-case letters in 'MyApp'; repositories are lower case")]
    [TestCase("ghcr.io/you/app:-1", "the tag '-1' is not 1 to 128 letters, digits, '_', '.' or '-' starting with a letter, digit or '_'")]
    [TestCase("ghcr.io/you/app:", "the tag '' is not 1 to 128 letters, digits, '_', '.' or '-' starting with a letter, digit or '_'")]
    [TestCase("app@sha256:abc", "the digest 'sha256:abc' is not algorithm:hex with at least 32 hex digits (e.g. sha256:…)")]
    [TestCase(":latest", "it names no repository")]
    [TestCase("ghcr.io//app", "the repository path has an empty component (a '/' at the start or end, or '//')")]
    [TestCase("/app", "the repository path has an empty component (a '/' at the start or end, or '//')")]
    [TestCase("you/app-", "the repository path component 'app-' is not lower-case letters and digits separated by '.', '_', '__' or '-'")]
    [TestCase("you/a___b", "the repository path component 'a___b' is not lower-case letters and digits separated by '.', '_', '__' or '-'")]
    [TestCase("bad_host.io:x/app", "the registry 'bad_host.io:x' is not a host name with an optional port")]
    [TestCase("../../etc/passwd", "the registry '..' is not a host name with an optional port")]
    public void Invalid_image_references_say_what_is_wrong(string reference, string problem) =>
        Assert.That(ImageReferences.Problem(reference), Is.EqualTo(problem));

    [Test]
    public void A_repository_name_is_at_most_255_characters()
    {
        var longest = "r.io/" + new string('a', 250);
        Assert.That(ImageReferences.Problem(longest), Is.Null);
        Assert.That(ImageReferences.Problem(longest + "a:1"), Is.EqualTo("its repository name is 256 characters long, more than 255"));
    }

    [Test]
    public void A_tag_is_at_most_128_characters()
    {
        Assert.That(ImageReferences.Problem("app:" + new string('t', 128)), Is.Null);
        Assert.That(ImageReferences.Problem("app:" + new string('t', 129)), Does.StartWith("the tag 'ttt"));
    }
}
