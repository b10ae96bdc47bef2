namespace Flash.Tests.Generator;

/// <summary>
/// Route paths to hold Flash's template reading against ASP.NET Core's: hand-picked edge cases, then paths made by a
/// fixed-seed random generator (so a failure names a path that reproduces): token soups of route syntax, well-formed
/// templates with parameters, constraints, defaults and arguments, and those templates with one character changed.
/// </summary>
internal static class RouteTemplateCorpus
{
    public const int Seed = 409;
    public const int SoupCount = 8000;
    public const int TemplateCount = 8000;
    public const int MutationCount = 8000;

    private static readonly string[] EdgeCases =
    [
        "", "/", "~/", "~", "~a", "~/a", "a", "/a", "/a/", "//", "/a//b", "///", "/a/b/c",
        "/a/{id", "/a/{id}/{id}", "/a/{id}/{ID}", "/{", "{", "}", "/}", "/a}", "/a}}", "/{a}}", "/{{a}}", "/{{", "/}}", "/{{}}",
        "/{}", "/{?}", "/{*}", "/{**}", "/{*?}", "/{**a?}", "/{*a?}", "/{a?}", "/{a??}", "/{a*}", "/{*a}", "/{**a}", "/{***a}",
        "/{*a}/", "/{*a}/b", "/b/{*a}", "/{*a}/{b}", "/a{*b}", "/{*a}b", "/{*a}.{b}",
        "/a.{b?}", "/a-{b?}", "/.{b?}", "/{a}.{b?}", "/{a}{b?}", "/{a?}.b", "/{a?}.{b?}", "/{a}-{b}.{c?}", "/{a}.{b}",
        "/{a}{b}", "/{a}-{b}", "/x{a}y{b}z",
        "/a?", "/?", "/a?b", "/{{?}}",
        "/{a=5?}", "/{a=}", "/{a=?}", "/{a=b=c}", "/{a:int=5}", "/{a:int=5?}", "/{a=5:int}", "/{=a}", "/{:a}", "/{==x}", "/{=:int}",
        "/{::int}", "/{a::int}", "/{a:int:}", "/{a:}", "/{a:(}", "/{a(:int}", "/{a(=b}", "/{a(:x)}", "/{(}", "/{)}", "/{a)}",
        "/{a:int}", "/{a:INT}", "/{a:Int}", "/{a:int()}", "/{a:int(1)}", "/{a:int:long}", "/{a:foo}", "/{a:foo(1)}", "/{a: int}",
        "/{a:regex(^\\d+$)}", "/{a:regex(a{{2}})}", "/{a:regex(a{2})}", "/{a:regex(x:y)}", "/{a:regex(a=b)}", "/{a:regex(())}",
        "/{a:minlength}", "/{a:minlength()}", "/{a:minlength(3)}", "/{a:minlength( 3 )}", "/{a:minlength(-1)}", "/{a:minlength(3,4)}",
        "/{a:maxlength(0)}", "/{a:maxlength(2147483647)}", "/{a:maxlength(2147483648)}", "/{a:maxlength(+5)}", "/{a:maxlength(0x5)}",
        "/{a:length}", "/{a:length()}", "/{a:length(5)}", "/{a:length(1,5)}", "/{a:length(1, 5)}", "/{a:length(5,1)}", "/{a:length(-1)}",
        "/{a:length(1,-1)}", "/{a:length(1,2,3)}", "/{a:length(1,)}", "/{a:length(5}", "/{a:length5)}", "/{a:length(5)x}",
        "/{a:min(1)}", "/{a:min(-9223372036854775808)}", "/{a:min(-9223372036854775809)}", "/{a:max(9223372036854775807)}",
        "/{a:max(99999999999999999999)}", "/{a:min(5,6)}", "/{a:min( 5 )}", "/{a:min(1.5)}", "/{a:min()}", "/{a:min}",
        "/{a:range(1,5)}", "/{a:range(5,1)}", "/{a:range(5,5)}", "/{a:range(1)}", "/{a:range(1,2,3)}", "/{a:range(-5, -1)}", "/{a:range}",
        "/{a:alpha}", "/{a:alpha(1)}", "/{a:bool}", "/{a:datetime}", "/{a:decimal}", "/{a:double}", "/{a:float}", "/{a:guid}",
        "/{a:long}", "/{a:required}", "/{a:file}", "/{a:nonfile}", "/{a:int:alpha}",
        "/{a b}", "/{é}", "/{a-b}", "/{a.b}", "/{a,b}", "/{a)b}", "/{a}}b}", "/{a{{b}", "/{a{b}", "/{a{}", "/{a}{", "/{a}}",
        "/items/{id:int}/parts/{part?}", "/files/{**path}", "/{lang=en}/{page=home}", "/v{version:int}/items",
        "/{controller=Home}/{action=Index}/{id?}", "/blog/{year:int:range(2000,2100)}/{slug:minlength(3)}",
    ];

    private static readonly string[] SoupTokens =
    [
        "/", "/", "/", "{", "{", "}", "}", "{{", "}}", "?", "*", "**", ":", ":", "=", ".", "(", ")", ",", "~", " ",
        "a", "b", "id", "Id", "x1", "-", "int", "alpha", "length", "min", "range", "regex", "foo", "5", "-1", "1,5",
    ];

    private static readonly string[] Literals = ["a", "items", "v1", ".", "-", "x.y", "{{", "}}", "a?", "~", "é"];

    private static readonly string[] Names = ["id", "ID", "name", "x", "y", "slug", "", "a b", "=", ":", "(", "a(", "é", "a?b", "a*"];

    private static readonly string[] Constraints =
    [
        "int", "INT", "long", "bool", "datetime", "decimal", "double", "float", "guid", "alpha", "required", "file", "nonfile",
        "minlength(3)", "minlength", "minlength()", "minlength(-1)", "maxlength(10)", "maxlength( 4 )", "length(5)", "length(1,5)",
        "length(5,1)", "length(1, 5)", "length(-1)", "length()", "length(1,2,3)", "min(1)", "max(99999999999999999999)", "min(+7)",
        "min(5,6)", "range(1,9)", "range(9,1)", "range(1)", "range(-5,-1)", "int()", "alpha(1)", "regex(^a$)", "foo", "length(5",
        "min(0x10)", "range(1,)", "length(\t2\t)", "min( 3 )", "Range(1,2)", "int:", "(", "x)",
    ];

    private static readonly string[] Defaults = ["5", "abc", "", "=x", "a:b", "(1)"];

    private static readonly char[] MutationAlphabet = ['/', '{', '}', '?', '*', ':', '=', '.', '(', ')', ',', 'a', '1', ' '];

    /// <summary>Every path, edge cases first, without repeats.</summary>
    public static IReadOnlyList<string> All { get; } = Build();

    private static List<string> Build()
    {
        var random = new Random(Seed);
        var templates = Enumerable.Range(0, TemplateCount).Select(_ => Template(random)).ToList();
        var paths = new List<string>(EdgeCases);
        paths.AddRange(Enumerable.Range(0, SoupCount).Select(_ => Soup(random)));
        paths.AddRange(templates);
        paths.AddRange(Enumerable.Range(0, MutationCount).Select(i => Mutate(random, templates[i % templates.Count])));
        return paths.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Soup(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(1, 11)).Select(_ => Pick(random, SoupTokens)));

    private static string Template(Random random)
    {
        var segments = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Segment(random));
        return "/" + string.Join("/", segments);
    }

    private static string Segment(Random random)
    {
        var parts = random.Next(1, 4);
        var parameter = random.Next(2) == 0;
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < parts; i++, parameter = !parameter)
        {
            text.Append(parameter ? Parameter(random) : Pick(random, Literals));
        }

        return text.ToString();
    }

    private static string Parameter(Random random)
    {
        var text = new System.Text.StringBuilder("{");
        var roll = random.Next(10);
        text.Append(roll == 0 ? "*" : roll == 1 ? "**" : string.Empty);
        text.Append(random.Next(6) == 0 ? Pick(random, Names) : Pick(random, Names.Take(6).ToArray()));
        for (var i = random.Next(3) == 0 ? random.Next(1, 3) : 0; i > 0; i--)
        {
            text.Append(':').Append(Pick(random, Constraints));
        }

        if (random.Next(8) == 0)
        {
            text.Append('=').Append(Pick(random, Defaults));
        }

        if (random.Next(5) == 0)
        {
            text.Append('?');
        }

        return text.Append('}').ToString();
    }

    private static string Mutate(Random random, string template)
    {
        var at = random.Next(template.Length + 1);
        return random.Next(3) switch
        {
            0 when template.Length > 0 => template.Remove(Math.Min(at, template.Length - 1), 1),
            1 when template.Length > 0 => template.Remove(Math.Min(at, template.Length - 1), 1).Insert(Math.Min(at, template.Length - 1), Pick(random, MutationAlphabet).ToString()),
            _ => template.Insert(at, Pick(random, MutationAlphabet).ToString()),
        };
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
