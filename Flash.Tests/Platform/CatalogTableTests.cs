using Flash.Platform;

namespace Flash.Tests.Platform;

/// <summary>The table every platform catalog is built on: rows by member, members by exact id, and its own checks.</summary>
public sealed class CatalogTableTests
{
    private enum Shade
    {
        Red = 1,
        Green,
        Blue,
    }

    private sealed class ShadeRow(Shade member, string id, int wavelengthNm) : CatalogRow<Shade>(member, id)
    {
        public int WavelengthNm { get; } = wavelengthNm;
    }

    private static Catalog<Shade, ShadeRow> Shades() => new(
        "ShadeCatalog",
        new(Shade.Red, "RED", 700),
        new(Shade.Green, "GREEN", 530),
        new(Shade.Blue, "BLUE", 470));

    [Test]
    public void A_row_is_found_by_its_member_with_the_catalogs_own_columns()
    {
        var row = Shades().Row(Shade.Green, "shade");

        Assert.That(row.Member, Is.EqualTo(Shade.Green));
        Assert.That(row.Id, Is.EqualTo("GREEN"));
        Assert.That(row.WavelengthNm, Is.EqualTo(530));
    }

    [Test]
    public void Members_and_rows_keep_the_order_the_table_is_written_in()
    {
        var table = new Catalog<Shade, ShadeRow>("ShadeCatalog", new(Shade.Blue, "BLUE", 470), new(Shade.Red, "RED", 700));

        Assert.That(table.Members, Is.EqualTo(new[] { Shade.Blue, Shade.Red }));
        Assert.That(table.Rows.Select(r => r.Id), Is.EqualTo(new[] { "BLUE", "RED" }));
    }

    [Test]
    public void A_member_is_read_back_from_its_exact_id()
    {
        Assert.That(Shades().TryParseId("BLUE", out var shade), Is.True);
        Assert.That(shade, Is.EqualTo(Shade.Blue));
    }

    [TestCase("blue")]
    [TestCase(" BLUE")]
    [TestCase("BLUE ")]
    [TestCase("")]
    [TestCase(null)]
    public void Anything_but_the_exact_id_reads_as_no_member(string? id)
    {
        Assert.That(Shades().TryParseId(id, out var shade), Is.False);
        Assert.That(shade, Is.EqualTo(default(Shade)));
    }

    [TestCase(0)]
    [TestCase(4)]
    [TestCase(-1)]
    public void A_value_without_a_row_is_not_defined(int raw)
    {
        Assert.That(Shades().IsDefined((Shade)raw), Is.False);
        Assert.That(Shades().IsDefined(Shade.Red), Is.True);
    }

    [Test]
    public void Asking_for_the_row_of_an_undefined_value_names_the_value_the_enum_the_catalog_and_the_parameter()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Shades().Row((Shade)7, "shade"));

        Assert.That(ex!.ParamName, Is.EqualTo("shade"));
        Assert.That(ex.ActualValue, Is.EqualTo((Shade)7));
        Assert.That(ex.Message, Is.EqualTo(
            "7 is not a defined Shade; check ShadeCatalog.IsDefined first. (Parameter 'shade')" + Environment.NewLine +
            "Actual value was 7."));
    }

    [Test]
    public void A_member_given_two_rows_is_rejected_when_the_table_is_built()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            _ = new Catalog<Shade, ShadeRow>("ShadeCatalog", new(Shade.Red, "RED", 700), new(Shade.Red, "CRIMSON", 690)));

        Assert.That(ex!.Message, Is.EqualTo("ShadeCatalog lists Shade.Red twice. (Parameter 'rows')"));
    }

    [Test]
    public void An_id_given_to_two_members_is_rejected_when_the_table_is_built()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            _ = new Catalog<Shade, ShadeRow>("ShadeCatalog", new(Shade.Red, "RED", 700), new(Shade.Green, "RED", 530)));

        Assert.That(ex!.Message, Is.EqualTo("ShadeCatalog gives the id 'RED' to both Shade.Red and Shade.Green. (Parameter 'rows')"));
    }
}
