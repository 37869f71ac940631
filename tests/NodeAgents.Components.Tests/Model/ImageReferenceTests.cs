using NodeAgents.Model;

namespace NodeAgents.Components.Tests.Model;

public class ImageReferenceTests
{
    private const string Digest = "sha256:4032c6d5bfd752342c3e631c2f1de93ba6b86c41db6b167b9a35372c139e7706";

    [Theory]
    [InlineData("quay.io/prometheus/node-exporter:v1.8.2", "quay.io/prometheus/node-exporter", "v1.8.2", null)]
    [InlineData("localhost:5000/agents/falco:0.44.1", "localhost:5000/agents/falco", "0.44.1", null)]
    [InlineData("registry.k8s.io/dns/k8s-dns-node-cache@" + Digest, "registry.k8s.io/dns/k8s-dns-node-cache", null, Digest)]
    [InlineData("quay.io/prometheus/node-exporter:v1.8.2@" + Digest, "quay.io/prometheus/node-exporter", "v1.8.2", Digest)]
    public void Parses_repository_tag_and_digest(string text, string repository, string? tag, string? digest)
    {
        var image = ImageReference.Parse(text);
        Assert.Equal(new ImageReference(repository, tag, digest), image);
        Assert.Equal(text, image.ToString());
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("quay.io/prometheus/node-exporter", "needs a tag or a digest")]
    [InlineData("Quay.io/x:1", "lower-case")]
    [InlineData("quay.io/x@sha256:abc", "64 lower-case hex digits")]
    [InlineData("quay.io/x:-bad", "1 to 128")]
    public void Rejects_malformed_references(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => ImageReference.Parse(text));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Version_is_the_tag_or_the_start_of_the_digest()
    {
        Assert.Equal("v1.8.2", ImageReference.Parse("quay.io/x:v1.8.2@" + Digest).Version);
        Assert.Equal("4032c6d5bfd7", ImageReference.Parse("quay.io/x@" + Digest).Version);
    }

    [Fact]
    public void Short_form_keeps_twelve_digest_digits()
    {
        Assert.Equal("quay.io/x:v1.8.2@sha256:4032c6d5bfd7…", ImageReference.Parse("quay.io/x:v1.8.2@" + Digest).ToShortString());
        Assert.Equal("quay.io/x:v1.8.2", ImageReference.Parse("quay.io/x:v1.8.2").ToShortString());
    }
}
