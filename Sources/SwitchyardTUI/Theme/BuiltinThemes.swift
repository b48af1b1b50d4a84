/// The shipped themes, compiled in so the binary works from any directory (kept equal to `themes/*.theme`).
enum BuiltinThemes {
    /// Built-in theme names in `t` cycling order.
    static let names = ["default", "light", "high-contrast", "mono"]

    /// The source text of a built-in theme.
    static func source(_ name: String) -> String? {
        switch name {
        case "default": defaultTheme
        case "light": light
        case "high-contrast": highContrast
        case "mono": mono
        default: nil
        }
    }

    static let defaultTheme = """
        # Switchyard default theme: for dark terminal backgrounds.
        # Values: a color name (black … white, bright_*), 0-255, #rrggbb or default,
        # optionally "on <color>" for the background, then bold / dim / reverse / underline.
        background   = default
        text         = 252
        muted        = 244
        border       = 240
        border_focus = bright_cyan bold
        title        = bright_white bold
        ok           = 71
        warn         = 214
        bad          = 203 bold
        accent       = 81
        selection    = 231 on 24
        chart_1      = #5fafff
        chart_2      = #ffaf5f
        chart_3      = #af87ff
        chart_4      = #5fd7af
        
        """

    static let light = """
        # Switchyard light theme: for light terminal backgrounds.
        background   = default
        text         = 235
        muted        = 243
        border       = 249
        border_focus = 25 bold
        title        = 232 bold
        ok           = 28
        warn         = 130
        bad          = 160 bold
        accent       = 31
        selection    = 232 on 153
        chart_1      = #005f87
        chart_2      = #af5f00
        chart_3      = #5f00af
        chart_4      = #008700
        
        """

    static let highContrast = """
        # Switchyard high-contrast theme: the 16 basic colors only, bold where it matters.
        background   = black
        text         = bright_white
        muted        = white
        border       = white
        border_focus = bright_yellow bold
        title        = bright_white bold underline
        ok           = bright_green bold
        warn         = bright_yellow bold
        bad          = bright_red bold
        accent       = bright_cyan bold
        selection    = black on bright_yellow
        chart_1      = bright_cyan
        chart_2      = bright_magenta
        chart_3      = bright_green
        chart_4      = bright_yellow
        
        """

    static let mono = """
        # Switchyard mono theme: no colors, attributes only (used when NO_COLOR is set).
        background   = default
        text         = default
        muted        = default dim
        border       = default dim
        border_focus = default bold
        title        = default bold
        ok           = default
        warn         = default bold
        bad          = default bold underline
        accent       = default bold
        selection    = default reverse
        chart_1      = default
        chart_2      = default
        chart_3      = default
        chart_4      = default
        
        """
}
