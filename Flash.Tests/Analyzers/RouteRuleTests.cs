using Flash.Tests.Infrastructure;

namespace Flash.Tests.Analyzers;

/// <summary>
/// The route template rules (FLASH409–FLASH412): each on the path argument of the route at fault, with its full
/// message, and the nearest declarations that break none.
/// </summary>
public sealed class RouteRuleTests
{
    private const string Known = "alpha, bool, datetime, decimal, double, file, float, guid, int, length, long, max, maxlength, min, minlength, nonfile, range, required";

    private static string Api(string routes) => $$"""
        [Endpoint("api")]
        public sealed class Api
        {
            {{routes}}
        }
        """;

    private static TestCaseData Fires(string name, string routes, string id, string message) =>
        new TestCaseData(Api(routes), id, message).SetName($"{id}_{name}");

    private static TestCaseData Clean(string name, string routes) => new TestCaseData(Api(routes)).SetName("Routes_" + name);

    private static string Rejects(string path, string reason) =>
        $"Endpoint 'api' routes GET '{path}', which the worker's routing rejects: {reason}; correct the path, or the worker cannot serve its routes";

    private static IEnumerable<TestCaseData> Violations()
    {
        yield return Fires("unclosed_brace", """[Get([|"/a/{id"|])] public int A(int id) => id;""", "FLASH409",
            Rejects("/a/{id", "the '{' at position 3 is never closed"));
        yield return Fires("parameter_twice", """[Get([|"/a/{id}/{id}"|])] public int A(int id) => id;""", "FLASH409",
            Rejects("/a/{id}/{id}", "the parameter 'id' appears twice (names are compared ignoring case)"));
        yield return Fires("parameter_twice_in_other_case", """[Get([|"/a/{id}/{ID}"|])] public int A(int id, int ID) => id;""", "FLASH409",
            Rejects("/a/{id}/{ID}", "the parameter 'ID' appears twice (names are compared ignoring case)"));
        yield return Fires("stray_closing_brace", """[Get([|"/a}"|])] public int A() => 1;""", "FLASH409",
            Rejects("/a}", "the '}' at position 2 closes no parameter (write '}}' for a literal '}')"));
        yield return Fires("empty_segment", """[Get([|"/a//b"|])] public int A() => 1;""", "FLASH409",
            Rejects("/a//b", "the '/' at position 3 follows another '/', which leaves an empty segment"));
        yield return Fires("catch_all_not_last", """[Get([|"/files/{*path}/raw"|])] public string A(string path) => path;""", "FLASH409",
            Rejects("/files/{*path}/raw", "the catch-all parameter 'path' must be the last segment, as it takes the rest of the path"));
        yield return Fires("question_mark_in_literal", """[Get([|"/search?q={q}"|])] public string A(string q) => q;""", "FLASH409",
            Rejects("/search?q={q}", "the literal 'search?q=' contains '?', which would start the query string (a parameter is optional with '{name?}')"));
        yield return Fires("optional_after_dash", """[Get([|"/a/{name}-{ext?}"|])] public string A(string name, string? ext) => name;""", "FLASH409",
            Rejects("/a/{name}-{ext?}", "the optional parameter 'ext' follows '-', but inside a segment only a '.' may come before an optional parameter"));
        yield return Fires("unknown_constraint", """[Get([|"/a/{id:number}"|])] public int A(int id) => id;""", "FLASH409",
            Rejects("/a/{id:number}", $"the constraint 'number' on 'id' is not one the worker's routing knows ({Known})"));
        yield return Fires("regex_constraint", """[Get([|"/a/{id:regex(^\\d+$)}"|])] public int A(int id) => id;""", "FLASH409",
            Rejects("/a/{id:regex(^\\d+$)}", "the worker's routing has no 'regex' constraint (its slim ASP.NET Core routing leaves regular expressions out); use alpha, length or range instead, or check 'id' in the method"));
        yield return Fires("length_minimum_above_maximum", """[Get([|"/a/{code:length(5,1)}"|])] public string A(string code) => code;""", "FLASH409",
            Rejects("/a/{code:length(5,1)}", "the constraint 'length(5,1)' has a minimum length above its maximum"));
        yield return Fires("minlength_without_argument", """[Get([|"/a/{code:minlength}"|])] public string A(string code) => code;""", "FLASH409",
            Rejects("/a/{code:minlength}", "the constraint 'minlength' on 'code' needs a number in parentheses, e.g. 'minlength(3)'"));
        yield return Fires("int_with_argument", """[Get([|"/a/{id:int(5)}"|])] public int A(int id) => id;""", "FLASH409",
            Rejects("/a/{id:int(5)}", "the constraint 'int' on 'id' takes no arguments; write 'int'"));
        yield return Fires("range_argument_not_a_number", """[Get([|"/a/{n:range(1,ten)}"|])] public int A(int n) => n;""", "FLASH409",
            Rejects("/a/{n:range(1,ten)}", "the argument 'ten' of 'range(1,ten)' is not a whole number"));

        yield return Fires("no_such_parameter", """[Get([|"/items/{id}"|])] public int A(int itemId) => itemId;""", "FLASH410",
            "Endpoint 'api' routes GET '/items/{id}' to 'A', which has no parameter named 'id', so the route value never reaches it; add a parameter named 'id' to 'A', or rename the route parameter after one of its parameters");
        yield return Fires("parameter_in_other_case", """[Get([|"/items/{Id}"|])] public int A(int id) => id;""", "FLASH410",
            "Endpoint 'api' routes GET '/items/{Id}' to 'A', which has no parameter named 'Id', so the route value never reaches it; route values bind by exact name, so write 'id' as the method's parameter is spelled");
        yield return Fires("cancellation_token", """[Get([|"/items/{ct}"|])] public int A(CancellationToken ct) => 1;""", "FLASH410",
            "Endpoint 'api' routes GET '/items/{ct}' to 'A', which has no parameter named 'ct', so the route value never reaches it; 'ct' is the method's CancellationToken, which no request value sets; rename the route parameter");
        yield return Fires("name_no_parameter_can_have", """[Get([|"/items/{item-id}"|])] public int A(int id) => id;""", "FLASH410",
            "Endpoint 'api' routes GET '/items/{item-id}' to 'A', which has no parameter named 'item-id', so the route value never reaches it; rename the route parameter after one of the parameters of 'A'");

        yield return Fires("int_on_guid", """[Get([|"/users/{id:int}"|])] public string A(Guid id) => "";""", "FLASH411",
            "Endpoint 'api' routes GET '/users/{id:int}', whose constraint 'int' lets only whole numbers through, which the parameter 'id' of type 'System.Guid' cannot hold; change the constraint or the parameter's type");
        yield return Fires("bool_on_int", """[Get([|"/lights/{on:bool}"|])] public int A(int on) => on;""", "FLASH411",
            "Endpoint 'api' routes GET '/lights/{on:bool}', whose constraint 'bool' lets only 'true' and 'false' through, which the parameter 'on' of type 'int' cannot hold; change the constraint or the parameter's type");
        yield return Fires("datetime_on_nullable_guid", """[Get([|"/log/{when:datetime}"|])] public int A(Guid? when) => 1;""", "FLASH411",
            "Endpoint 'api' routes GET '/log/{when:datetime}', whose constraint 'datetime' lets only dates and times through, which the parameter 'when' of type 'System.Guid?' cannot hold; change the constraint or the parameter's type");
        yield return Fires("decimal_on_long", """[Get([|"/price/{p:min(0):decimal}"|])] public long A(long p) => p;""", "FLASH411",
            "Endpoint 'api' routes GET '/price/{p:min(0):decimal}', whose constraint 'decimal' lets only decimal numbers through, which the parameter 'p' of type 'long' cannot hold; change the constraint or the parameter's type");
        yield return Fires("alpha_on_int", """[Get([|"/a/{code:alpha}"|])] public int A(int code) => code;""", "FLASH411",
            "Endpoint 'api' routes GET '/a/{code:alpha}', whose constraint 'alpha' lets only letters through, which the parameter 'code' of type 'int' cannot hold; change the constraint or the parameter's type");

        yield return Fires("bool", """[Get([|"/lights/{on}"|])] public int A(bool on) => 1;""", "FLASH412",
            "Endpoint 'api' routes GET '/lights/{on}', whose parameter 'on' has type 'bool', which System.Text.Json never reads from text, and a route value is text; take 'on' as a string and convert it, or send it in the JSON body instead of the path");
        yield return Fires("bool_with_bool_constraint", """[Get([|"/lights/{on:bool}"|])] public int A(bool? on) => 1;""", "FLASH412",
            "Endpoint 'api' routes GET '/lights/{on:bool}', whose parameter 'on' has type 'bool?', which System.Text.Json never reads from text, and a route value is text; take 'on' as a string and convert it, or send it in the JSON body instead of the path");
        yield return Fires("array", """[Get([|"/sum/{values}"|])] public int A(int[] values) => 1;""", "FLASH412",
            "Endpoint 'api' routes GET '/sum/{values}', whose parameter 'values' has type 'int[]', which System.Text.Json never reads from text, and a route value is text; take 'values' as a string and convert it, or send it in the JSON body instead of the path");
        yield return Fires("int_on_string", """[Get([|"/items/{id:int}"|])] public string A(string id) => id;""", "FLASH413",
            "Endpoint 'api' routes GET '/items/{id:int}', whose constraint 'int' admits only whole numbers for 'id', but the method takes 'id' as 'string'; declare it as int or long, or remove the constraint to take any text");
        yield return Fires("guid_on_nullable_string", """[Get([|"/keys/{key:guid}"|])] public string A(string? key) => "";""", "FLASH413",
            "Endpoint 'api' routes GET '/keys/{key:guid}', whose constraint 'guid' admits only GUIDs for 'key', but the method takes 'key' as 'string?'; declare it as Guid, or remove the constraint to take any text");
        yield return Fires("range_after_length_on_string", """[Get([|"/pages/{n:minlength(1):range(1,9)}"|])] public string A(string n) => n;""", "FLASH413",
            "Endpoint 'api' routes GET '/pages/{n:minlength(1):range(1,9)}', whose constraint 'range(1,9)' admits only whole numbers for 'n', but the method takes 'n' as 'string'; declare it as int or long, or remove the constraint to take any text");
        yield return Fires("list", """[Get([|"/sum/{values}"|])] public int A(List<string> values) => 1;""", "FLASH412",
            "Endpoint 'api' routes GET '/sum/{values}', whose parameter 'values' has type 'System.Collections.Generic.List<string>', which System.Text.Json never reads from text, and a route value is text; take 'values' as a string and convert it, or send it in the JSON body instead of the path");
    }

    private static IEnumerable<TestCaseData> Nearest()
    {
        yield return Clean("closed_brace", """[Get("/a/{id}")] public int A(int id) => id;""");
        yield return Clean("two_parameters", """[Get("/a/{id}/{part}")] public int A(int id, string part) => id;""");
        yield return Clean("literal_braces", """[Get("/a/{{literal}}")] public int A() => 1;""");
        yield return Clean("trailing_slash", """[Get("/a/")] public int A() => 1;""");
        yield return Clean("root", """[Get("/")] public int A() => 1;""");
        yield return Clean("catch_all_last", """[Get("/files/{**path}")] public string A(string path) => path;""");
        yield return Clean("optional_after_period", """[Get("/a/{name}.{ext?}")] public string A(string name, string? ext) => name;""");
        yield return Clean("defaults_and_optional", """[Get("/{lang=en}/{page:int=1}/{id?}")] public string A(string lang, int page, int? id) => lang;""");
        yield return Clean("every_resolvable_constraint", """
            [Get("/a/{a:int}/{b:long}/{c:min(1)}/{d:max(9)}/{e:range(1,9)}/{f:decimal}/{g:double}/{h:float}/{i:guid}/{j:datetime}/{k:alpha}/{l:minlength(1)}/{m:maxlength(9)}/{n:length(3)}/{o:length(1, 9)}/{p:required}/{q:file}/{r:nonfile}/{s:bool}")]
            public int A(int a, long b, short c, byte d, decimal e, double f, float g, decimal h, Guid i, DateOnly j, string k, string l, string m, string n, string o, int p, string q, string r, string s) => a;
            """);
        yield return Clean("constraint_names_ignore_case", """[Get("/a/{id:INT}")] public int A(int id) => id;""");
        yield return Clean("nullable_value_types", """[Get("/a/{id:int}/{when:datetime}")] public int A(int? id, DateTimeOffset? when) => 1;""");
        yield return Clean("strings_with_text_constraints", """[Get("/a/{flag:bool}/{code:alpha}/{name:length(3)}/{rest:minlength(1)}")] public int A(string flag, string code, string name, string? rest) => 1;""");
        yield return Clean("whole_numbers_in_decimals_and_time_spans", """[Get("/a/{x:int}/{y:long}")] public int A(double x, TimeSpan y) => 1;""");
        yield return Clean("letters_in_a_char", """[Get("/a/{c:alpha}")] public int A(char c) => 1;""");
        yield return Clean("enum_is_not_judged", """[Get("/a/{day:int}")] public int A(DayOfWeek day) => 1;""");
        yield return Clean("base64_bytes", """[Get("/a/{data}")] public int A(byte[] data) => 1;""");
        yield return Clean("route_parameter_and_more", """[Get("/a/{id}")] public int A(int id, string? q, CancellationToken ct) => id;""");
    }

    [TestCaseSource(nameof(Violations))]
    public Task Rule_fires_on_the_path_argument(string markup, string id, string message) => AnalyzerHarness.VerifyAsync(markup, id, message);

    [TestCaseSource(nameof(Nearest))]
    public Task Nearest_valid_route_has_no_diagnostic(string markup) => AnalyzerHarness.VerifyCleanAsync(markup);

    [Test]
    public Task Each_route_parameter_at_fault_is_reported_once() => AnalyzerHarness.VerifyAsync(
        Api("""[Get([|[|[|"/a/{x}/{on}/{id:int}"|]|]|])] public int A(bool on, Guid id) => 1;"""),
        "FLASH410|FLASH411|FLASH412",
        "Endpoint 'api' routes GET '/a/{x}/{on}/{id:int}' to 'A', which has no parameter named 'x', so the route value never reaches it; add a parameter named 'x' to 'A', or rename the route parameter after one of its parameters",
        "Endpoint 'api' routes GET '/a/{x}/{on}/{id:int}', whose constraint 'int' lets only whole numbers through, which the parameter 'id' of type 'System.Guid' cannot hold; change the constraint or the parameter's type",
        "Endpoint 'api' routes GET '/a/{x}/{on}/{id:int}', whose parameter 'on' has type 'bool', which System.Text.Json never reads from text, and a route value is text; take 'on' as a string and convert it, or send it in the JSON body instead of the path");
}
